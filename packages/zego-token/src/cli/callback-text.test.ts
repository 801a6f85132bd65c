import { describe, expect, it } from 'vitest';
import { setFormFields, setJsonFields } from './callback-text.js';

describe('setJsonFields', () => {
  it('replaces top-level members in place, keeping their JSON type, and leaves every other character alone', () => {
    const text = `{
  "nested": {"nonce": "inner", "list": [{"timestamp": 1}], "s": "a \\"}, \\"nonce\\": 1"},
  "nonce" : 350176 ,
  "big": 858012925204410400,
  "timestamp": "1499676978",
  "signature": null
}`;
    const set = setJsonFields(text, [
      ['signature', 'f'.repeat(40)],
      ['timestamp', '1700000000'],
      ['nonce', '42'],
    ]);
    expect(set).toBe(`{
  "nested": {"nonce": "inner", "list": [{"timestamp": 1}], "s": "a \\"}, \\"nonce\\": 1"},
  "nonce" : 42 ,
  "big": 858012925204410400,
  "timestamp": "1700000000",
  "signature": "${'f'.repeat(40)}"
}`);
  });

  it('adds the members a body lacks after its last one, or into an empty object', () => {
    expect(
      setJsonFields('{"a":1}\n', [
        ['nonce', '7'],
        ['timestamp', 'x'],
      ]),
    ).toBe('{"a":1,"nonce":"7","timestamp":"x"}\n');
    expect(setJsonFields(' { } ', [['nonce', '7']])).toBe(' { "nonce":"7"} ');
  });

  it('sets every member of a name that occurs twice (JSON.parse would keep the last)', () => {
    expect(setJsonFields('{"nonce":"1","nonce":"2"}', [['nonce', '3']])).toBe('{"nonce":"3","nonce":"3"}');
  });
});

describe('setFormFields', () => {
  it('sets fields in place and adds the missing ones at the end', () => {
    expect(
      setFormFields('event=a&nonce=1&room_id=r%201', [
        ['nonce', '2'],
        ['signature', 's'],
      ]),
    ).toBe('event=a&nonce=2&room_id=r+1&signature=s');
  });
});
