// The BUILT package as users load it, in a Node process of its own: `require()` hands Fastify the
// module object, whose `default` Fastify takes as the plugin (as it does for transpiled plugins),
// and ESM's default import is the plugin itself. Each registers it and gets a token through inject.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SECRET } from '../../../test/support/index.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

function run(script: string, type: 'commonjs' | 'module'): unknown {
  const output = execFileSync(process.execPath, [`--input-type=${type}`, '-e', script], {
    cwd: packageDir,
    encoding: 'utf8',
  });
  return JSON.parse(output);
}

const body = (load: string) => `
  ${load}
  const options = { appId: 1, serverSecret: ${JSON.stringify(SECRET)}, resolveUser: () => 'alice' };
  const app = Fastify();
  app.register(plugin, options);
  app.register(zegoToken, { ...options, prefix: '/named' });
  app.get('/own', zegoTokenHandler(options));
  Promise.all(['/zego/token', '/named/zego/token', '/own'].map((url) => app.inject({ url })))
    .then((responses) => console.log(JSON.stringify(responses.map((response) => response.json().userId))));
`;

describe('the built package', () => {
  it('registers from require()', () => {
    const script = body(`
      const Fastify = require('fastify');
      const plugin = require('fastify-zego-token');
      const { zegoToken, zegoTokenHandler } = plugin;`);
    expect(run(script, 'commonjs')).toEqual(['alice', 'alice', 'alice']);
  });

  it('registers from import', () => {
    const script = body(`
      import Fastify from 'fastify';
      import plugin, { zegoToken, zegoTokenHandler } from 'fastify-zego-token';`);
    expect(run(script, 'module')).toEqual(['alice', 'alice', 'alice']);
  });
});
