#!/usr/bin/env node
// Posts a submission file to the generic webhook exactly as a form provider would: signed with HMAC-SHA256
// over "<timestamp>.<raw body>". Usage:
//   node scripts/submit.mjs samples/generic/02-association-tissage-missing-documents.json [--new-id]
//        [--url http://localhost:7071] [--secret local-generic-webhook-secret]
// --new-id gives the submission a fresh submissionId, so the same file makes a new application each time.
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const file = args.find((a, i) => !a.startsWith('--') && !['--url', '--secret'].includes(args[i - 1]));
if (!file) {
  console.error('usage: node scripts/submit.mjs <submission.json> [--new-id] [--url URL] [--secret SECRET]');
  process.exit(2);
}

const url = option('--url', 'http://localhost:7071').replace(/\/$/, '');
// During a rotation the setting holds the new secret first, then the previous one.
const secret = option('--secret', (process.env.Intake__Secrets__generic ?? 'local-generic-webhook-secret').trim().split(/\s+/)[0]);
let body = readFileSync(file);
if (args.includes('--new-id')) {
  const submission = JSON.parse(body.toString('utf8'));
  submission.submissionId = `${submission.submissionId}-${randomUUID().slice(0, 8)}`;
  body = Buffer.from(JSON.stringify(submission), 'utf8');
}

const timestamp = Math.floor(Date.now() / 1000).toString();
const signature = 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
const response = await fetch(`${url}/api/intake/generic`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', 'X-Mouazara-Timestamp': timestamp, 'X-Mouazara-Signature': signature },
  body,
});
console.log(`${response.status} ${response.statusText}`);
console.log(JSON.stringify(await response.json(), null, 2));
process.exit(response.ok ? 0 : 1);
