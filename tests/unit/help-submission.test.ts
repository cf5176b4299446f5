import { describe, expect, it } from 'vitest';
import { checkFormToken, issueFormToken } from '../../cms/src/help-requests/form-token.ts';
import { createRateLimiter } from '../../cms/src/help-requests/rate-limiter.ts';
import { validateSubmission } from '../../cms/src/help-requests/validate-submission.ts';

const secret = Buffer.from('unit-test-secret');
const DAY = 24 * 3600e3;
const good = { name: '李先生', contact: '13812345678', place: '多福巷社区', kind: 'disability', description: '需要轮椅维修的帮助，周末在家。' };

describe('help form tokens', () => {
  it('accepts a token it issued within the window and refuses it after', () => {
    const { token } = issueFormToken(secret, 1_000_000);
    expect(checkFormToken(secret, token, 7 * DAY, 1_000_000 + 6 * DAY)).toBe('valid');
    expect(checkFormToken(secret, token, 7 * DAY, 1_000_000 + 8 * DAY)).toBe('expired');
  });

  it('refuses a missing, malformed, re-dated, foreign-key or future token', () => {
    const now = Date.now();
    const { token } = issueFormToken(secret, now);
    expect(checkFormToken(secret, undefined, DAY, now)).toBe('missing');
    expect(checkFormToken(secret, 'not-a-token', DAY, now)).toBe('malformed');
    const [v, , nonce, sig] = token.split('.');
    expect(checkFormToken(secret, [v, (now + 1).toString(36), nonce, sig].join('.'), DAY, now)).toBe('tampered');
    expect(checkFormToken(Buffer.from('another key'), token, DAY, now)).toBe('tampered');
    expect(checkFormToken(secret, issueFormToken(secret, now + DAY).token, 7 * DAY, now)).toBe('expired');
  });
});

describe('help request fields', () => {
  it('accepts mobiles, landlines with area code and e-mail addresses as contact', () => {
    for (const contact of ['13812345678', '+86 138 1234 5678', '010-12345678', '0571 87654321', 'wang@example.org']) {
      expect(validateSubmission({ ...good, contact }).errors, contact).toEqual([]);
    }
    for (const contact of ['1', '12345', '99999999999', 'call me', '1381234567']) {
      expect(validateSubmission({ ...good, contact }).errors.map((e) => e.field), contact).toEqual(['contact']);
    }
  });

  it('refuses control characters and bidirectional overrides instead of storing them', () => {
    expect(validateSubmission({ ...good, name: '李\u0007先生' }).errors[0]).toMatchObject({ field: 'name', message: '「称呼」包含无法识别的字符，请删除后重试' });
    expect(validateSubmission({ ...good, description: '需要帮助\u202e需要帮助需要帮助' }).errors[0].field).toBe('description');
    // Line breaks in the description are kept (normalised), not refused.
    expect(validateSubmission({ ...good, description: '第一行说明情况\r\n第二行说明时间' }).submission.description).toBe('第一行说明情况\n第二行说明时间');
  });

  it('requires name, contact, place, kind and a description of at least 10 characters', () => {
    const { errors } = validateSubmission({ name: ' ', place: '', description: '太短' });
    expect(errors.map((e) => e.message)).toEqual(['请填写「称呼」', '请填写「联系方式」', '请填写「所在社区或地点」', '「需要什么帮助」至少 10 个字，请说明需要什么帮助', '请选择求助类别']);
  });

  it('counts characters, not bytes, against the limits', () => {
    expect(validateSubmission({ ...good, description: '难'.repeat(2000) }).errors).toEqual([]);
    expect(validateSubmission({ ...good, description: '难'.repeat(2001) }).errors[0].message).toBe('「需要什么帮助」最多 2000 个字');
    expect(validateSubmission({ ...good, kind: 'elderly ' }).errors[0].field).toBe('kind');
  });
});

describe('the help form rate limit', () => {
  it('allows a number of attempts per window and key, then refuses until the window slides', () => {
    const limiter = createRateLimiter(() => 2, () => 1000);
    expect([limiter.allow('a', 0), limiter.allow('a', 10), limiter.allow('a', 20), limiter.allow('b', 20)]).toEqual([true, true, false, true]);
    expect(limiter.allow('a', 1015)).toBe(true);
  });
});
