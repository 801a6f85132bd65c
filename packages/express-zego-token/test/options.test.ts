// Construction-time behaviour of the built express-zego-token (test/support/construction.ts).
import { zegoToken, zegoTokenHandler } from 'express-zego-token';
import { describeConstruction } from '../../../test/support/construction.js';

describeConstruction('express-zego-token', { zegoToken, zegoTokenHandler });
