// Construction-time behaviour of the built koa-zego-token (test/support/construction.ts).
import { zegoToken, zegoTokenHandler } from 'koa-zego-token';
import { describeConstruction } from '../../../test/support/construction.js';

describeConstruction('koa-zego-token', { zegoToken, zegoTokenHandler });
