// Which lines of a recorded HTTP cassette are the responses it replays.
import { describe, expect, it } from 'vitest';
import { recordedResponseLines } from '../../src/secrets/recorded-http.js';

const lines = (...l: string[]) => l;

describe('recordedResponseLines', () => {
  it('Ruby VCR: the response block of each interaction, body string and blank lines included', () => {
    const text = lines('---', 'http_interactions:', '- request:', '    method: get', '    headers:', '      Authorization:', '      - Bearer x', '  response:', '    status:', '      code: 200', '', '    body:', '      string: "{}"', '  recorded_at: Tue', '- request:', '    method: post', '  response:', '    body: ok', 'recorded_with: VCR 6');
    expect([...recordedResponseLines(text)]).toEqual([8, 9, 10, 11, 12, 17]);
  });
  it('vcrpy: `response:` at the list item’s key indentation', () => {
    const text = lines('interactions:', '- request:', '    uri: https://x', '  response:', '    body: {string: "{}"}', 'version: 1');
    expect([...recordedResponseLines(text)]).toEqual([4]);
  });
  it('a response given as the first key of a list item', () => {
    const text = lines('interactions:', '- response:', '    body: x', '  request:', '    uri: y');
    expect([...recordedResponseLines(text)]).toEqual([2]);
  });
  it('a YAML file that is not a cassette has no recorded responses', () => {
    expect(recordedResponseLines(lines('response:', '  body: x')).size).toBe(0);
  });
});
