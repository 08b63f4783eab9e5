import { SecretMasker } from './mask';

describe('SecretMasker', () => {
  it('masks the given values, longest first', () => {
    const m = new SecretMasker(['hunter2', 'hunter2-and-more']);
    expect(m.mask('a=hunter2-and-more b=hunter2')).toBe('a=*** b=***');
  });

  it('masks short values only as whole words', () => {
    const m = new SecretMasker(['ab']);
    expect(m.mask('ab tabs ab.')).toBe('*** tabs ***.');
  });

  it.each([
    ['key AKIAIOSFODNN7EXAMPLE used', 'key *** used'],
    ['Authorization: Bearer abc.def.ghi-123', 'Authorization: Bearer ***'],
    [
      'clone https://bob:s3cret@git.example.test/x',
      'clone https://bob:***@git.example.test/x',
    ],
    ['  + password = "p@ss w0rd"', '  + password = ***'],
    ['  + password = (sensitive value)', '  + password = (sensitive value)'],
    ['token ghp_0123456789abcdefghijklmnopqrstuvwxyzAB', 'token ***'],
  ])('masks credential-shaped text: %s', (line, masked) => {
    expect(new SecretMasker().mask(line)).toBe(masked);
  });

  it('masks a multi-line private key', () => {
    const m = new SecretMasker();
    expect(
      [
        '-----BEGIN RSA PRIVATE KEY-----',
        'MIIEow...',
        '-----END RSA PRIVATE KEY-----',
        'after',
      ].map(l => m.mask(l)),
    ).toEqual(['***', '***', '***', 'after']);
  });
});
