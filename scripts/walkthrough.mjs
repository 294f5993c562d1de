#!/usr/bin/env node
// Walks one application through its whole life against a running local host (./run.sh), doing what each
// person would do and printing what happens: the form provider's webhook, the applicant's uploads from the
// emailed links, each committee member's vote from theirs, staff closing the call and confirming the selection
// (two people), finance releasing each tranche. It works on an edition of its own, copied from the demo edition, so
// closing that call leaves the demo's open and the walk-through can be run again.
//   node scripts/walkthrough.mjs [--url http://localhost:7071]
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

const i = process.argv.indexOf('--url');
const base = (i > 0 ? process.argv[i + 1] : 'http://localhost:7071').replace(/\/$/, '');
const secret = process.env.Intake__Secrets__generic ?? 'local-generic-webhook-secret';
const pdf = readFileSync(new URL('../samples/files/document.pdf', import.meta.url));
const step = text => console.log(`\n== ${text}`);
const sleep = ms => new Promise(r => setTimeout(r, ms));
// Waits for the lifecycle poll every half second for up to three minutes: a step can take that long on a loaded machine.
const polls = 360;
// A 503 with Retry-After is the API asking to be called again (its storage fell behind on a loaded machine) and
// changes nothing: every request here is asked again after the wait it gives, for about a minute.
async function fetch(url, init) {
  for (let attempt = 1; ; attempt++) {
    const r = await globalThis.fetch(url, init);
    const wait = Number(r.headers.get('retry-after'));
    if (r.status !== 503 || !wait || attempt === 6) return r;
    await r.arrayBuffer();
    await sleep(Math.min(wait, 10) * 1000);
  }
}

async function outbox(scope, template, count = 1) {
  for (let n = 0; n < polls; n++) {
    const mails = await (await fetch(`${base}/dev/outbox?scope=${scope}`, { headers: { Accept: 'application/json' } })).json();
    const found = mails.filter(m => m.template === template);
    if (found.length >= count) return found;
    await sleep(500);
  }
  throw new Error(`no ${template} email for ${scope}`);
}
const links = (mail, kind) => [...mail.text.matchAll(/https?:\/\/\S+/g)].map(m => m[0]).filter(l => l.includes(`/api/${kind}/`));
const token = async (role, subject = '') =>
  (await fetch(`${base}/dev/token?role=${role}${subject ? `&subject=${subject}` : ''}`, { headers: { Accept: 'text/plain' } })).text();
const staff = await token('staff');
const post = (path, bearer) => fetch(`${base}/api/${path}`, { method: 'POST', headers: { Authorization: `Bearer ${bearer}` } });
async function application(id, staff) {
  return (await fetch(`${base}/api/applications/${id}`, { headers: { Authorization: `Bearer ${staff}` } })).json();
}
async function waitFor(id, staff, test, what) {
  for (let n = 0; n < polls; n++) {
    const app = await application(id, staff);
    if (test(app)) return app;
    await sleep(500);
  }
  throw new Error(`application ${id} never reached ${what}`);
}

step('Staff configure an edition (a copy of the demo edition: its funders, targets, committee and tranche plan)');
const edition = JSON.parse(readFileSync(new URL('../editions/demo.json', import.meta.url), 'utf8'));
edition.id = `walkthrough-${randomUUID().slice(0, 8)}`;
const saved = await fetch(`${base}/api/editions/${edition.id}`, {
  method: 'PUT', body: JSON.stringify(edition), headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${staff}` },
});
console.log(`${saved.status}: edition ${edition.id}, funders ${edition.funders.map(f => `${f.id} (${f.envelope} MAD)`).join(', ')}`);

step('A form provider posts a submission (two of six documents), signed with HMAC-SHA256');
const submission = JSON.parse(readFileSync(new URL('../samples/generic/02-association-tissage-missing-documents.json', import.meta.url), 'utf8'));
submission.submissionId = `walkthrough-${randomUUID().slice(0, 8)}`;
submission.edition = edition.id;
const body = Buffer.from(JSON.stringify(submission));
const timestamp = Math.floor(Date.now() / 1000).toString();
const signature = 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
const accepted = await fetch(`${base}/api/intake/generic`, {
  method: 'POST', body,
  headers: { 'Content-Type': 'application/json', 'X-Mouazara-Timestamp': timestamp, 'X-Mouazara-Signature': signature },
});
const { applicationId: id, statusUrl } = await accepted.json();
console.log(`${accepted.status}: application ${id}\nstatus link: ${statusUrl}`);

step('The applicant receives one upload link per missing document, and uploads each file');
const [request] = await outbox(id, 'documents-request');
console.log(`email "${request.subject}" to ${request.to}`);
for (const link of links(request, 'uploads')) {
  const r = await fetch(link, { method: 'PUT', headers: { 'Content-Type': 'application/pdf' }, body: pdf });
  console.log(`${r.status} ${link.split('/').pop()}`);
}

step('Each committee member gets a review task and votes through their own link');
for (const task of await outbox(id, 'review-task', 3)) {
  const form = new URLSearchParams({ 'score.relevance': '25', 'score.feasibility': '20', 'score.impact': '20', 'score.sustainability': '15', recommendation: 'approve' });
  const link = links(task, 'reviews')[0];
  // The scoring form opens only after the member declares no conflict of interest with this applicant.
  const declared = await fetch(`${link}/conflict`, { method: 'POST', body: JSON.stringify({ conflict: false }), headers: { 'Content-Type': 'application/json' } });
  const r = await fetch(link, { method: 'POST', body: form });
  console.log(`${declared.status} no conflict declared, ${r.status} vote of ${task.to} (${task.subject})`);
}

const finance = await token('finance');
await waitFor(id, staff, a => a.status === 'shortlisted', 'shortlisted');
console.log(`\nshortlisted: the committee approved it; the edition's selection decides once the call is closed`);

step('Staff close the call; the selection round proposes the best portfolio within each funder\'s envelope and the targets');
console.log(`${(await post(`editions/${edition.id}/close`, staff)).status} close`);
let selection;
for (let n = 0; n < polls && selection?.status !== 'proposed'; n++) {
  await sleep(500);
  selection = await (await fetch(`${base}/api/editions/${edition.id}/selection`, { headers: { Authorization: `Bearer ${staff}` } })).json();
}
console.log(`proposal ${selection.version}: solver ${selection.solver.status}, selected ${selection.selected.map(s => `${s.applicationId} (${s.amount} MAD from ${s.funder}, score ${s.score})`).join(', ')}`);
for (const t of selection.targets.filter(t => !t.scope)) console.log(`  target ${t.name}: ${t.achieved} against ${t.target}${t.met ? '' : ` (short by ${t.shortfall})`}`);
const alone = await post(`editions/${edition.id}/selection/confirm`, staff);
console.log(`${alone.status} the staff member who closed the call confirms alone: ${(await alone.json()).title}`);
const confirmed = await post(`editions/${edition.id}/selection/confirm`, await token('staff', 'second-staff-officer'));
console.log(`${confirmed.status} a second staff member confirms`);

step('The selected applicant downloads the funding agreement from the emailed link, signs it and sends it back; staff countersign');
const [agreementMail] = await outbox(id, 'agreement-request');
const signLink = links(agreementMail, 'uploads')[0];
const page = await (await fetch(signLink, { headers: { Accept: 'text/html' } })).text();
const agreementLink = page.match(/class="agreement" href="([^"]+)"/)[1].replaceAll('&amp;', '&');
const docx = await fetch(agreementLink);
console.log(`${docx.status} ${docx.headers.get('content-type')}, ${(await docx.arrayBuffer()).byteLength} bytes (a link valid for minutes)`);
const signed = await fetch(signLink, { method: 'PUT', body: pdf, headers: { 'Content-Type': 'application/pdf' } });
console.log(`${signed.status} signed copy received`);
for (let n = 0; n < polls; n++) {
  const c = await fetch(`${base}/api/applications/${id}/agreement/decision`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${staff}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ decision: 'accept' }),
  });
  if (c.status !== 409) { console.log(`${c.status} staff countersign`); break; }
  await sleep(500); // until the lifecycle has taken the signed copy in
}

let app = await waitFor(id, staff, a => a.award?.tranches?.[0]?.status === 'due', 'a due tranche');
console.log(`\nselected: award ${app.award.amount} MAD from ${app.award.funder} in tranches ${app.award.tranches.map(t => t.amount).join(' + ')}`);

// A report is a file plus figures, sent through the form of the emailed link (here as JSON, as a program would), and
// counts only once staff accept it; staff may ask for changes instead, and the applicant sends a new version.
async function reportAccepted(template, what) {
  step(`The applicant sends the ${what} from the emailed link; staff accept it`);
  const [mail] = await outbox(id, template);
  const r = await fetch(links(mail, 'uploads')[0], {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      jobsCreated: 3, jobsMaintained: 5, beneficiaries: 120, beneficiariesWomen: 70, amountSpent: 27000.5,
      narrative: 'Atelier équipé, 120 bénéficiaires formés.',
      file: { fileName: 'rapport.pdf', contentType: 'application/pdf', contentBase64: pdf.toString('base64') },
    }),
  });
  const version = await r.json();
  console.log(`${r.status} report ${version.number}, version ${version.version}`);
  const d = await fetch(`${base}/api/applications/${id}/reports/${version.number}/decision`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${staff}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ decision: 'accept', reason: 'Chiffres vérifiés.' }),
  });
  console.log(`${d.status} staff: ${(await d.json()).decision}`);
}

for (const tranche of app.award.tranches) {
  if (tranche.requires) await reportAccepted('report-request', `${tranche.requires} tranche ${tranche.number} requires`);
  await waitFor(id, staff, a => a.award.tranches[tranche.number - 1].status === 'due', `tranche ${tranche.number} due`);
  step(`Finance releases tranche ${tranche.number}`);
  const r = await fetch(`${base}/api/applications/${id}/tranches/${tranche.number}/release`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${finance}`, 'Content-Type': 'application/json', 'Idempotency-Key': `${id}-${tranche.number}` },
    body: JSON.stringify({ paymentReference: `TGR-${tranche.number}-${id}`, amount: tranche.amount, valueDate: new Date().toISOString().slice(0, 10) }),
  });
  console.log(`${r.status} ${JSON.stringify(await r.json())}`);
}

await reportAccepted('final-report-request', 'final report');
app = await waitFor(id, staff, a => a.status === 'closed', 'closed');
step(`Application ${id} is ${app.status}. Its history:`);
for (const h of app.history) console.log(`${h.at.slice(0, 19)}  ${h.status.padEnd(22)} ${h.actor.padEnd(28)} ${h.reason}`);
console.log(`\nEvery email it caused: ${base}/dev/outbox?scope=${id}`);
