import { useState, type CSSProperties, type FormEvent } from 'react';
import { attemptTokenRefresh, Layouts, useAuth } from '@strapi/strapi/admin';
import { ledgerImportMessages as t } from '../../domain/vocabulary';
import { templateCsv } from '../../services/import-ledgers/ledger-sheet';

// 导入台账: upload a ledger sheet to POST /ledger-import, follow its progress lines (NDJSON) and
// show the report (行, 列, 问题).
// Plain elements rather than the design system, which this project does not depend on directly.

interface RowProblem { row: number; column: string; problem: string }
interface ImportReport {
  fileName: string; total: number; imported: number; skipped: number; rejected: number; published: number;
  problems: RowProblem[]; skippedRows: Array<{ row: number; reason: string }>; seconds: number;
}

const box: CSSProperties = { background: '#fff', borderRadius: 4, boxShadow: '0 1px 4px rgba(33,33,52,0.1)', padding: 24, marginBottom: 24, fontSize: 14, lineHeight: 1.6 };
const cell: CSSProperties = { borderBottom: '1px solid #eaeaef', padding: '8px 12px', textAlign: 'left', verticalAlign: 'top' };
const narrow: CSSProperties = { ...cell, whiteSpace: 'nowrap' };
const button: CSSProperties = { background: '#4945ff', color: '#fff', border: 0, borderRadius: 4, padding: '8px 16px', fontSize: 14, cursor: 'pointer' };

function downloadTemplate(): void {
  const url = URL.createObjectURL(new Blob([templateCsv()], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = '台账模板.csv';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

interface Progress { done: number; total: number }
type StreamLine = ({ type: 'progress' } & Progress) | { type: 'report'; report: ImportReport } | { type: 'error'; message: string };

const backendUrl = () => (window as unknown as { strapi: { backendURL: string } }).strapi.backendURL;

// Posts the sheet with the dashboard login (refreshed once if it has just expired) and reads the
// progress lines as they arrive; the dashboard's fetch client would only give the final JSON.
async function postSheet(form: FormData, token: string | null, onProgress: (p: Progress) => void): Promise<ImportReport> {
  const send = (t: string | null) => fetch(`${backendUrl()}/ledger-import`, { method: 'POST', headers: { Authorization: `Bearer ${t}`, Accept: 'application/x-ndjson' }, body: form });
  let res = await send(token);
  if (res.status === 401) res = await send(await attemptTokenRefresh(token));
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = JSON.parse(buffered.slice(0, newline)) as StreamLine;
      buffered = buffered.slice(newline + 1);
      if (line.type === 'progress') onProgress(line);
      else if (line.type === 'error') throw new Error(line.message);
      else return line.report;
    }
  }
  throw new Error('HTTP stream ended early');
}

function ProblemTable({ problems }: { problems: RowProblem[] }) {
  return (
    <table style={{ borderCollapse: 'collapse', width: '100%', fontSize: 14 }} data-testid="ledger-import-problems">
      <thead>
        <tr><th style={narrow}>{t.columnRow}</th><th style={narrow}>{t.columnColumn}</th><th style={cell}>{t.columnProblem}</th></tr>
      </thead>
      <tbody>
        {problems.map((p, i) => (
          <tr key={i}><td style={narrow}>{p.row}</td><td style={narrow}>{p.column || '—'}</td><td style={cell}>{p.problem}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

export default function ImportLedgersPage() {
  const token = useAuth('ImportLedgersPage', (auth) => auth.token);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [publish, setPublish] = useState(false);
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    const form = new FormData();
    form.append('publish', String(publish));
    form.append('files', file, file.name);
    setRunning(true);
    setReport(null);
    setFailure(null);
    setProgress(null);
    try {
      setReport(await postSheet(form, token, setProgress));
    } catch (error) {
      setFailure((error as Error).message);
    } finally {
      setRunning(false);
    }
  };

  return (
    <>
      <Layouts.Header title={t.pageTitle} subtitle={t.pageIntro} />
      <Layouts.Content>
        <form style={box} onSubmit={submit}>
          <p style={{ marginBottom: 16 }}>
            <button type="button" onClick={downloadTemplate} style={{ ...button, background: 'transparent', color: '#4945ff', padding: 0 }}>{t.downloadTemplate}</button>
          </p>
          <p style={{ marginBottom: 16 }}>
            <label>
              {t.chooseFile}：{' '}
              <input type="file" name="files" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            </label>
          </p>
          <p style={{ marginBottom: 16 }}>
            <label><input type="checkbox" checked={publish} onChange={(e) => setPublish(e.target.checked)} /> {t.publishChoice}</label>
          </p>
          <button type="submit" style={{ ...button, opacity: !file || running ? 0.5 : 1 }} disabled={!file || running}>{t.importButton}</button>
          <div role="status" aria-live="polite" style={{ marginTop: 16 }}>
            {running && t.importing}
            {running && progress && (
              <>
                {' '}{progress.done} / {progress.total}
                <progress value={progress.done} max={progress.total || 1} style={{ display: 'block', width: '100%', marginTop: 8 }} />
              </>
            )}
          </div>
        </form>
        {failure && <div style={{ ...box, color: '#d02b20' }} role="alert">{t.requestFailed}：{failure}</div>}
        {report && (
          <div style={box} data-testid="ledger-import-report">
            <p style={{ fontWeight: 600, fontSize: 16, marginBottom: 16 }}>{t.summary(report.imported, report.skipped, report.rejected)}</p>
            {report.problems.length > 0 && (<><h2 style={{ fontWeight: 600, fontSize: 16, margin: '16px 0 8px' }}>{t.problemsTitle}</h2><ProblemTable problems={report.problems} /></>)}
            {report.skippedRows.length > 0 && (
              <><h2 style={{ fontWeight: 600, fontSize: 16, margin: '16px 0 8px' }}>{t.skippedTitle}</h2>
                <ProblemTable problems={report.skippedRows.map((s) => ({ row: s.row, column: '', problem: s.reason }))} /></>
            )}
          </div>
        )}
      </Layouts.Content>
    </>
  );
}
