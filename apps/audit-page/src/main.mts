// The audit page's script: reads the form, runs auditBundleText (library parsers and verifiers,
// bundled for the browser) and renders the verdict, the anchor facts and one timeline row per
// entry with a line per check. Text from the bundle is only ever set as textContent.
// A .mts file so the project's Node tsconfig (apps/**/*.ts, no DOM lib) leaves it alone;
// apps/audit-page/tsconfig.json type-checks it with the DOM lib.
import type { BundleCheck } from '#sigillo/ledger/core';
import { auditBundleText, type AuditReport } from './audit.js';

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`audit page: #${id} is missing`);
  return el as T;
};

const form = $<HTMLFormElement>('form');
const bundleField = $<HTMLTextAreaElement>('bundle');
const fileField = $<HTMLInputElement>('file');
const rpcField = $<HTMLInputElement>('rpc');
const keyField = $<HTMLInputElement>('key');
const verifyButton = $<HTMLButtonElement>('verify');
const status = $('status');
const errorBox = $('error');
const resultBox = $('result');
const verdict = $('verdict');
const facts = $('facts');
const timelineTitle = $('timeline-title');
const timelineBody = $('timeline').querySelector('tbody') as HTMLTableSectionElement;

let running = false;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

function showError(message: string): void {
  resultBox.hidden = true;
  errorBox.textContent = message;
  errorBox.hidden = false;
  document.body.dataset.state = 'error';
}

function fact(term: string, value: string): void {
  facts.append(el('dt', {}, term), el('dd', { class: 'mono' }, value));
}

function checkItem(check: BundleCheck): HTMLLIElement {
  return el(
    'li',
    { class: `check ${check.ok ? 'ok' : 'fail'}`, 'data-check': check.check, 'data-ok': String(check.ok) },
    el('span', { class: 'mark' }, check.ok ? '\u2713 ' : '\u2717 '),
    el('b', {}, check.check),
    ' ',
    el('span', { class: 'message' }, check.message),
  );
}

function render(report: AuditReport): void {
  errorBox.hidden = true;
  verdict.className = `banner ${report.ok ? 'ok' : 'fail'}`;
  verdict.dataset.ok = String(report.ok);
  verdict.textContent = `${report.ok ? '\u2713' : '\u2717'} ${report.summary}`;

  facts.replaceChildren();
  if (report.subject) fact('story of', `${report.subject.kind} ${report.subject.id}`);
  fact(
    'checkpoint',
    report.checkpoint ? `tree size ${report.checkpoint.treeSize} of ${report.checkpoint.origin}` : 'unreadable (see the checkpoint-signature check)',
  );
  fact(
    'verifier key',
    `${report.key.label ?? 'unusable'} (${report.key.source === 'auditor' ? 'the key you gave' : 'taken from the bundle: pin the operator\u2019s published key to check who signed'})`,
  );
  const a = report.anchor;
  fact('chain id', String(a.chainId));
  fact('contract', a.contract);
  fact('anchored tree size', String(a.treeSize));
  fact('anchored root', a.root);
  fact('transaction', `${a.txHash} (block ${a.blockNumber})`);
  fact('RPC asked', report.rpcUrl ?? 'none');
  fact('chain check', `${report.chain.ok ? '\u2713' : '\u2717'} ${report.chain.message}`);

  timelineTitle.textContent = report.kind === 'story' ? `Timeline: ${report.entries.length} entries` : 'Entry';
  timelineBody.replaceChildren();
  for (const entry of report.entries) {
    const state = entry.ok ? 'ok' : 'fail';
    timelineBody.append(
      el(
        'tr',
        { class: `entry ${state}`, 'data-seq': String(entry.seq), 'data-ok': String(entry.ok), title: entry.line },
        el('td', { class: 'mark' }, entry.ok ? '\u2713' : '\u2717'),
        el('td', { class: 'mono' }, String(entry.seq)),
        el('td', { class: 'mono' }, entry.time),
        el('td', { class: 'mono' }, entry.type),
        el('td', { class: 'facts mono' }, entry.facts),
      ),
      el(
        'tr',
        { class: `checks ${state}`, 'data-seq': String(entry.seq) },
        el('td'),
        el('td', { colspan: '4' }, el('ul', { class: 'checks' }, ...entry.checks.map(checkItem))),
      ),
    );
  }
  resultBox.hidden = false;
  document.body.dataset.state = report.ok ? 'verified' : 'failed';
}

async function verify(): Promise<void> {
  if (running) return;
  running = true;
  verifyButton.disabled = true;
  status.textContent = 'Verifying\u2026';
  document.body.dataset.state = 'verifying';
  try {
    const outcome = await auditBundleText({ text: bundleField.value, rpcUrl: rpcField.value, verifierKey: keyField.value });
    if (outcome.ok) render(outcome.report);
    else showError(outcome.error);
  } catch (e) {
    showError(`unexpected error: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    status.textContent = '';
    verifyButton.disabled = false;
    running = false;
  }
}

async function load(file: File | undefined): Promise<void> {
  if (!file) return;
  try {
    bundleField.value = await file.text();
  } catch (e) {
    showError(`cannot read ${file.name}: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  await verify();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void verify();
});
fileField.addEventListener('change', () => {
  void load(fileField.files?.[0]);
});
// A file dropped anywhere on the page is a bundle to check, not a page to navigate to.
document.addEventListener('dragover', (event) => {
  event.preventDefault();
  bundleField.classList.add('dragging');
});
document.addEventListener('dragleave', () => bundleField.classList.remove('dragging'));
document.addEventListener('drop', (event) => {
  event.preventDefault();
  bundleField.classList.remove('dragging');
  void load(event.dataTransfer?.files?.[0]);
});
document.body.dataset.state = 'ready';
