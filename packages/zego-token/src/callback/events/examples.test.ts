// Every documented example of every product's module (CALLBACK_EXAMPLES) is claimed by exactly one
// module's `detect`, its own product's, and parses without throwing to that product's typed event, in
// both entries. Written over the registry, so that each product's examples are covered as they land.
import { describe, expect, it } from 'vitest';
import * as nodeEntry from '../../node/index.js';
import * as webEntry from '../../web/index.js';
import { CALLBACK_EXAMPLES } from './examples.js';
import { PRODUCT_CALLBACKS } from './parse.js';
import type { CallbackExample } from './types.js';

function bodyOf(example: CallbackExample): string | Record<string, unknown> {
  return example.contentType === 'application/json'
    ? example.text
    : Object.fromEntries(new URLSearchParams(example.text));
}

/** The body as an object, with 64-bit numbers kept (the route's parser, through the entry). */
function rawOf(example: CallbackExample): Readonly<Record<string, unknown>> {
  return nodeEntry.parseZegoCallback(bodyOf(example)).raw;
}

describe('the documented examples', () => {
  it('each is claimed by exactly one module, its own product, and names its event', () => {
    for (const example of CALLBACK_EXAMPLES) {
      const raw = rawOf(example);
      const claims = PRODUCT_CALLBACKS.map((module) => ({ product: module.product, event: module.detect(raw) })).filter(
        (claim) => claim.event !== undefined,
      );
      expect(claims, `${example.product} ${example.event} (${example.source})`).toEqual([
        { product: example.product, event: example.event },
      ]);
    }
  });

  it.each([
    ['zego-token', nodeEntry],
    ['zego-token/web', webEntry],
  ] as const)('each parses without throwing to its typed event in %s', (_name, entry) => {
    for (const example of CALLBACK_EXAMPLES) {
      const event = entry.parseZegoCallback(bodyOf(example));
      expect({ product: event.product, event: event.event }, example.source).toEqual({
        product: example.product,
        event: example.event,
      });
    }
  });

  it('come from every module, each with its docs_all source', () => {
    const products = new Set(PRODUCT_CALLBACKS.map((module) => module.product));
    for (const example of CALLBACK_EXAMPLES) {
      expect(products.has(example.product), example.product).toBe(true);
      expect(example.source, `${example.product} ${example.event}`).not.toBe('');
    }
  });
});
