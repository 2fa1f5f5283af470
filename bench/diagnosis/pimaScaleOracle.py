# Independent label evidence for held-out 20's Pima pair (heizer-pima-relu-sigmoid, heizer-pima-sigmoid; docs/diagnosis-heldout20.md,
# "Final rules"): the program's own net (Dense(12) → Dense(8) → Dense(1, sigmoid), Keras defaults), binary cross-entropy, Adam 0.001,
# batches of 10, 150 epochs, in Keras (tensorflow-cpu), with the inputs as the program feeds them (raw) and standardised with
# the training folds' statistics (std); 5-fold stratified cross-validation, training and held-out accuracy per fold.
#   ~/.cache/gradient-lens-venv/bin/python bench/diagnosis/pimaScaleOracle.py relu|sigmoid
# Needs bench/diagnosis/prepare.ts's fd-pima.json.
import json, sys, numpy as np, os
os.environ['TF_CPP_MIN_LOG_LEVEL']='3'
import keras
from sklearn.model_selection import StratifiedKFold
d=json.load(open(os.path.expanduser('~/.cache/gradient-lens-corpora/diagnosis/fd-pima.json')))
rows=np.array(d['rows'] if isinstance(d,dict) else d, dtype='float32')
X,y=rows[:,:8],rows[:,8]
act=sys.argv[1]
res={'raw':[], 'std':[]}
for fold,(tr,te) in enumerate(StratifiedKFold(5,shuffle=True,random_state=0).split(X,y)):
  for mode in ['raw','std']:
    keras.utils.set_random_seed(fold)
    Xtr,Xte=X[tr],X[te]
    if mode=='std':
      m,s=Xtr.mean(0),Xtr.std(0); Xtr=(Xtr-m)/s; Xte=(Xte-m)/s
    model=keras.Sequential([keras.Input((8,)),keras.layers.Dense(12,activation=act),keras.layers.Dense(8,activation=act),keras.layers.Dense(1,activation='sigmoid')])
    model.compile(loss='binary_crossentropy',optimizer=keras.optimizers.Adam(0.001),metrics=['accuracy'])
    model.fit(Xtr,y[tr],epochs=150,batch_size=10,verbose=0)
    tra=model.evaluate(Xtr,y[tr],verbose=0)[1]; tea=model.evaluate(Xte,y[te],verbose=0)[1]
    res[mode].append((tra,tea)); print(act,fold,mode,round(tra,3),round(tea,3),flush=True)
for mode in res:
  a=np.array(res[mode]); print(act,mode,'train %.3f test %.3f ± %.3f'%(a[:,0].mean(),a[:,1].mean(),a[:,1].std()))
