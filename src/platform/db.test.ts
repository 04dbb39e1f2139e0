import { describe, expect, it } from 'vitest';
import { socketOf } from './db.ts';

describe('socketOf', () => {
  it('reads a Unix socket the way libpq names it, and keeps the rest of the URL', () => {
    expect(
      socketOf('postgres://concord:secret@localhost:5433/concord?host=/var/run/postgresql&sslmode=disable'),
    ).toEqual({
      url: 'postgres://concord:secret@localhost:5433/concord?sslmode=disable',
      path: '/var/run/postgresql/.s.PGSQL.5433',
    });
  });

  it('uses the default port for the socket name when the URL has none', () => {
    expect(socketOf('postgres://concord@localhost/concord?host=/tmp').path).toBe('/tmp/.s.PGSQL.5432');
  });

  it('leaves a TCP URL alone', () => {
    const url = 'postgres://concord@db.example:5432/concord?sslmode=require';
    expect(socketOf(url)).toEqual({ url });
  });
});
