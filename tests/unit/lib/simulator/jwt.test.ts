import { describe, expect, test } from 'vitest';
import { decodeJwt, findJwts, looksLikeJwt } from '../../../../src/lib/simulator';

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const TOKEN = `${part({ alg: 'RS256', kid: 'k1' })}.${part({ sub: 'é-1', aud: 'client', token_use: 'id' })}.c2ln`;

describe('decodeJwt', () => {
	test('decodes the header and UTF-8 claims', () => {
		expect(decodeJwt(TOKEN)).toEqual({
			header: { alg: 'RS256', kid: 'k1' },
			claims: { sub: 'é-1', aud: 'client', token_use: 'id' },
		});
	});
	test('finds tokens anywhere in a response, with their path', () => {
		const found = findJwts({
			AuthenticationResult: { IdToken: TOKEN, TokenType: 'Bearer' },
			list: [TOKEN],
		});
		expect(found.map((item) => item.path)).toEqual(['AuthenticationResult.IdToken', 'list[0]']);
		expect(looksLikeJwt('not.a.jwt')).toBe(false);
		expect(decodeJwt('eyJx.eyJy.z')).toBeUndefined();
	});
});
