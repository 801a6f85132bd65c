import type { Command } from '../command.js';
import { api } from './api.js';
import { callback } from './callback.js';
import { decode } from './decode.js';
import { explain } from './explain.js';
import { generate } from './generate.js';
import { inspect } from './inspect.js';

/** Every subcommand, in the order the overall help lists them. */
export const COMMANDS: readonly Command[] = [generate, decode, inspect, explain, api, callback];

/** Looks a command up by name (own entries only: `toString` is not a command). */
export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((command) => command.name === name);
}
