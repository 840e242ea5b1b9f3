// A connection must sign in quickly or go. Node's own timeouts leave two holes here: a connection
// that never sends a byte is held forever, and so is one whose refused request dribbles its body
// (we read a refused body to the end so the client sees our answer). Thousands of such sockets
// would use up the process's file descriptors, so every connection gets a deadline that only a
// signed-in request lifts; signed-in uploads may then take as long as they need.
import type { Socket } from 'node:net';

export const STRANGER_DEADLINE_MS = 10_000;

const deadlines = new WeakMap<Socket, NodeJS.Timeout>();

/** Closes `socket` after `ms` unless `liftDeadline` is called first; a second call keeps the first deadline. */
export function armDeadline(socket: Socket, ms: number): void {
  if (deadlines.has(socket) || socket.destroyed) return;
  const timer = setTimeout(() => socket.destroy(), ms);
  timer.unref();
  deadlines.set(socket, timer);
  socket.once('close', () => liftDeadline(socket));
}

/** The connection carried a signed-in request: it may stay as long as the request needs. */
export function liftDeadline(socket: Socket): void {
  const timer = deadlines.get(socket);
  if (timer === undefined) return;
  clearTimeout(timer);
  deadlines.delete(socket);
}
