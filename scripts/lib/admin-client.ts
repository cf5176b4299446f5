// The CMS's admin API as the dashboard calls it, for tools that act as an editor (the
// benchmark's edits). Content-manager routes; every call answers status and parsed JSON, and
// `expectOk` turns an unexpected status into an error naming the call.
export interface AdminAnswer {
  status: number;
  json: unknown;
}

export interface AdminClient {
  login: (email: string, password: string) => Promise<void>;
  create: (uid: string, data: Record<string, unknown>) => Promise<AdminAnswer>;
  update: (uid: string, documentId: string, data: Record<string, unknown>) => Promise<AdminAnswer>;
  publish: (uid: string, documentId: string) => Promise<AdminAnswer>;
  unpublish: (uid: string, documentId: string) => Promise<AdminAnswer>;
}

export function adminClient(cmsUrl: string): AdminClient {
  let token = '';
  const call = async (method: string, pathname: string, body?: unknown): Promise<AdminAnswer> => {
    const res = await fetch(`${cmsUrl}${pathname}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      /* keep the text for the error message */
    }
    return { status: res.status, json };
  };
  const cm = (uid: string) => `/content-manager/collection-types/${uid}`;
  return {
    async login(email, password) {
      const r = await call('POST', '/admin/login', { email, password });
      const data = (r.json as { data?: { token?: string; accessToken?: string } } | undefined)?.data;
      token = data?.token ?? data?.accessToken ?? '';
      if (!token) throw new Error(`admin login failed: HTTP ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
    },
    create: (uid, data) => call('POST', cm(uid), data),
    update: (uid, documentId, data) => call('PUT', `${cm(uid)}/${documentId}`, data),
    publish: (uid, documentId) => call('POST', `${cm(uid)}/${documentId}/actions/publish`, {}),
    unpublish: (uid, documentId) => call('POST', `${cm(uid)}/${documentId}/actions/unpublish`, {}),
  };
}

// The answer's `data`, or an error naming what was asked and what the CMS said.
export function expectOk(what: string, answer: AdminAnswer): Record<string, unknown> {
  if (answer.status < 200 || answer.status >= 300) throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.json).slice(0, 500)}`);
  const data = (answer.json as { data?: Record<string, unknown> } | undefined)?.data;
  if (!data) throw new Error(`${what}: the CMS answered without data`);
  return data;
}
