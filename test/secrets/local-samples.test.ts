import { describe, expect, it } from 'vitest';
import { documentBlock, namesOnlyLocalAddresses } from '../../src/secrets/local-samples.js';

describe('namesOnlyLocalAddresses', () => {
  it.each([
    [['url = "https://example.com"', 'password = "pw"'], true],
    [['Navigate to `localhost:3000`. Log in using:'], true],
    [['value: https://growthbook.local', '- host: api.growthbook.local'], true],
    [['ipaddr = 127.0.0.1', 'url = https://<kanidmd container name or ip>:8443'], true],
    [['DATABASE_URL=postgres://app:pw@db.test:5432/app', 'host: ${DB_HOST}'], true],
    // A network range names the clients a server accepts, not where the sample points.
    [['url = "https://example.com"', '{ name = "docker", ipaddr = "172.17.0.0/16", secret = "s" },'], true],
    // No address at all, a real domain, a service name, a private network address.
    [['password = "pw"'], false],
    [['url = "https://idm.acme-corp.dev"', 'host: localhost'], false],
    [['host: db'], false],
    [['ipaddr = 10.0.0.5'], false],
    [['url: https://example.com.evil.io'], false],
  ])('%j → %s', (lines, expected) => {
    expect(namesOnlyLocalAddresses(lines)).toBe(expected);
  });
});

describe('documentBlock', () => {
  const doc = ['# Title', '', 'Intro line', 'Log in using:', '- password: x', '', '```toml', 'url = "a"', '', 'password = "b"', '```', 'after'];
  it('is the fenced block around a line, blank lines inside included', () => expect(documentBlock(doc, 9)).toEqual([6, 10]));
  it('is the paragraph around a line outside fences', () => expect(documentBlock(doc, 4)).toEqual([2, 4]));
  it('stops a paragraph at a fence', () => expect(documentBlock(doc, 11)).toEqual([11, 11]));
});
