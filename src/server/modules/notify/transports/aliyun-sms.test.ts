import { describe, expect, it } from 'vitest';
import { aliyunPercentEncode, aliyunRpcSignature } from './aliyun-sms';

describe('Aliyun RPC signature', () => {
  it('encodes per RFC 3986: unreserved characters stay, space is %20, * is %2A, UTF-8 bytes upper-case', () => {
    expect(aliyunPercentEncode('AZaz09-_.~')).toBe('AZaz09-_.~');
    expect(aliyunPercentEncode("a b*c+d/e:f!g'h(i)j")).toBe('a%20b%2Ac%2Bd%2Fe%3Af%21g%27h%28i%29j');
    expect(aliyunPercentEncode('空调')).toBe('%E7%A9%BA%E8%B0%83');
  });

  it('matches the worked example of the documentation (DescribeRegions, secret "testsecret")', () => {
    const params = {
      Timestamp: '2016-02-23T12:46:24Z',
      Format: 'XML',
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      Version: '2014-05-26',
      SignatureVersion: '1.0',
    };
    expect(aliyunRpcSignature('GET', params, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('ignores a Signature parameter already present', () => {
    const p = { A: '1', B: '2' };
    expect(aliyunRpcSignature('GET', { ...p, Signature: 'x' }, 's')).toBe(aliyunRpcSignature('GET', p, 's'));
  });
});
