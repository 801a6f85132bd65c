// What hooks.server.ts puts in `event.locals` for every request: the signed-in user, or null.
declare global {
  namespace App {
    interface Locals {
      user: { id: string } | null;
    }
  }
}

export {};
