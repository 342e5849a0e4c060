import { callbackRefusal, isPublicAddress } from './callback-target';

describe('callback targets (SSRF guard)', () => {
  it.each([
    ['127.0.0.1', false], ['10.1.2.3', false], ['172.16.0.1', false], ['172.32.0.1', true], ['192.168.1.1', false], ['169.254.169.254', false],
    ['100.64.0.1', false], ['0.0.0.0', false], ['224.0.0.1', false], ['::1', false], ['::', false], ['fd00::1', false], ['fe80::1', false],
    ['::ffff:127.0.0.1', false], ['::ffff:8.8.8.8', true], ['8.8.8.8', true], ['2606:4700:4700::1111', true], ['not-an-ip', false],
  ])('%s public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  it('refuses loopback and private hosts unless allowed, by name too', async () => {
    expect(await callbackRefusal(new URL('http://127.0.0.1:9/x'), [])).toMatch(/public address/);
    expect(await callbackRefusal(new URL('http://[::1]/x'), [])).toMatch(/public address/);
    expect(await callbackRefusal(new URL('http://localhost/x'), [])).toMatch(/resolves to/);
    expect(await callbackRefusal(new URL('http://127.0.0.1:9/x'), ['127.0.0.1'])).toBeNull();
    expect(await callbackRefusal(new URL('http://93.184.216.34/x'), [])).toBeNull();
  });
});
