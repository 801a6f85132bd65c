// A plain minting loop for `node --cpu-prof`: `node core-loop.mjs core|straightforward [seconds]`.
import { generateToken04 } from 'zego-token';
import { APP_ID, SECRET, USER_ID } from './common.mjs';
import { generateToken04 as straightforward } from './straightforward.mjs';

const mint = process.argv[2] === 'straightforward' ? straightforward : generateToken04;
const until = performance.now() + Number(process.argv[3] ?? 5) * 1000;
let count = 0;
let length = 0;
while (performance.now() < until) {
  for (let i = 0; i < 1000; i++) length += mint(APP_ID, USER_ID, SECRET, 3600).length;
  count += 1000;
}
console.log(`${process.argv[2] ?? 'core'}: ${count} tokens (${length} characters)`);
