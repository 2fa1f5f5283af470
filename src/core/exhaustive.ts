// Message routers switch over a message union and end in `default: unhandled(message)`: when a message type
// is added to the protocol, every router that does not name it fails to compile, instead of dropping the
// message silently at run time.

/** The default branch of an exhaustive switch: `value` has type never once every case is named. */
export function unhandled(value: never): never {
  throw new Error(`unhandled message ${JSON.stringify((value as { type?: unknown })?.type ?? value)}`);
}
