// The part of Koa's context the help-request receiver uses (Koa's own types are not a direct
// dependency of the CMS).
export interface SubmissionContext {
  ip: string;
  method: string;
  path: string;
  status: number;
  body: unknown;
  type: string;
  request: { body?: unknown; length?: number; is(...types: string[]): string | false | null };
  get(field: string): string;
  set(field: string, value: string): void;
  redirect(url: string): void;
}

export interface FieldError {
  field: string;
  message: string;
}
