// Construction-time behaviour of the built hono-zego-token (test/support/construction.ts).
import { zegoToken, zegoTokenHandler } from 'hono-zego-token';
import { describeConstruction } from '../../../test/support/construction.js';

describeConstruction('hono-zego-token', { zegoToken, zegoTokenHandler });
