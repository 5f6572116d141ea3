import { describe, expect, it } from 'vitest';
import { matchesPathPattern } from '../../../src/models/elb/path-pattern.ts';

// ALB path-pattern conditions: case-sensitive, `*` any run of characters, `?` exactly one (ELB-UG, "Path conditions").
describe('AWS path patterns', () => {
  it.each([
    ['/api/*', '/api/users', true],
    ['/api/*', '/api/', true],
    ['/api/*', '/api', false],
    ['/api/*', '/API/users', false],
    ['/img/?.png', '/img/a.png', true],
    ['/img/?.png', '/img/ab.png', false],
    ['/img/?.png', '/img/.png', false],
    ['*', '/', true],
    ['*', '', true],
    ['*.jpg', '/static/x/y.jpg', true],
    ['*.jpg', '/static/x/y.jpeg', false],
    ['/a*b*c', '/aXbYc', true],
    ['/a*b*c', '/abc', true],
    ['/a*b*c', '/acb', false],
    ['/a*b*c', '/abcbc', true],
    ['/a*c', '/abcd', false],
    ['/a**', '/a', true],
    ['/v?/*/orders', '/v2/eu/orders', true],
    ['/v?/*/orders', '/v2/eu/orders/1', false],
    ['/exact', '/exact', true],
    ['/exact', '/exactly', false],
    ['/*', '/*', true],
    ['/x?', '/x', false],
  ])('%s against %s: %s', (pattern, path, expected) => {
    expect(matchesPathPattern(pattern, path)).toBe(expected);
  });
});
