// The CMS's admin API as the dashboard uses it: what an editor's browser sends.
export interface AdminResponse {
  status: number;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test client of a foreign API
}

export function adminApi(cmsUrl: string) {
  let token = '';
  const call = async (method: string, pathname: string, body?: unknown): Promise<AdminResponse> => {
    const res = await fetch(`${cmsUrl}${pathname}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, json };
  };
  const cm = (uid: string) => `/content-manager/collection-types/${uid}`;
  return {
    call,
    async login(email: string, password: string) {
      const r = await call('POST', '/admin/login', { email, password });
      token = r.json?.data?.token ?? r.json?.data?.accessToken;
      if (!token) throw new Error(`admin login failed: ${r.status} ${JSON.stringify(r.json)}`);
    },
    create: (uid: string, data: Record<string, unknown>) => call('POST', cm(uid), data),
    update: (uid: string, documentId: string, data: Record<string, unknown>) => call('PUT', `${cm(uid)}/${documentId}`, data),
    publish: (uid: string, documentId: string) => call('POST', `${cm(uid)}/${documentId}/actions/publish`, {}),
    unpublish: (uid: string, documentId: string) => call('POST', `${cm(uid)}/${documentId}/actions/unpublish`, {}),
    remove: (uid: string, documentId: string) => call('DELETE', `${cm(uid)}/${documentId}`),
    list: (uid: string, query = 'page=1&pageSize=10') => call('GET', `${cm(uid)}?${query}`),
    // The media library's upload (multipart), or an update of a file's info when `fileId` is given.
    async upload(form: FormData, fileId?: number): Promise<AdminResponse> {
      const res = await fetch(`${cmsUrl}/upload${fileId ? `?id=${fileId}` : ''}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      const text = await res.text();
      let json: unknown = text;
      try {
        json = JSON.parse(text);
      } catch {
        /* keep the text */
      }
      return { status: res.status, json };
    },
  };
}

// Reads through the site build's own door: GraphQL with the read-only token.
export async function graphql(cmsUrl: string, query: string, token?: string, variables?: Record<string, unknown>) {
  const res = await fetch(`${cmsUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, json: (await res.json()) as { data?: any; errors?: Array<{ message: string }>; error?: unknown } }; // eslint-disable-line @typescript-eslint/no-explicit-any
}
