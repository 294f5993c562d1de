import { useState } from 'preact/hooks';
import { get, post } from './api.js';
import { useApi, Problem, Loading, ReasonForm } from './common.jsx';
import { date, label, lang, money, regions, sectors, statuses, t } from './i18n.js';

const enc = encodeURIComponent;

export function Application({ id, isStaff, isFinance }) {
  const view = useApi(() => get(`/api/applications/${enc(id)}`), [id]);
  const reviews = useApi(() => (isStaff ? get(`/api/applications/${enc(id)}/reviews`) : Promise.resolve(null)), [id, isStaff]);
  if (view.error) return <><h1>{id}</h1><Problem error={view.error} /></>;
  if (!view.data) return <Loading />;
  const a = view.data;
  const reload = () => { view.reload(); reviews.reload(); };
  const statusText = a.statusLabel ? (lang() === 'ar' ? a.statusLabel.ar : a.statusLabel.fr) : label(statuses, a.status);
  return (
    <article class="application">
      <h1>{id}</h1>
      <dl class="facts">
        <dt>{t('status')}</dt><dd class="status">{statusText}</dd>
        <dt>{t('applicant')}</dt><dd>{a.applicant?.name}</dd>
        <dt>{t('region')}</dt><dd>{label(regions, a.applicant?.region)}</dd>
        {a.project && <><dt>{t('project')}</dt><dd>{a.project.title} — {label(sectors, a.project.sector)} — {money(a.project.requestedAmount)}</dd></>}
      </dl>
      <Actions a={a} id={id} isStaff={isStaff} isFinance={isFinance} onDone={reload} />
      {a.history && (
        <section aria-labelledby="h-timeline">
          <h2 id="h-timeline">{t('timeline')}</h2>
          <ol class="timeline">
            {a.history.map(h => <li><time datetime={h.at}>{date(h.at)}</time> — <strong>{label(statuses, h.status)}</strong> — {h.actor}{h.reason ? ` : ${h.reason}` : ''}</li>)}
          </ol>
        </section>
      )}
      <section aria-labelledby="h-documents">
        <h2 id="h-documents">{t('documents')}</h2>
        {a.documents?.length ? (
          <ul class="documents">
            {a.documents.map(d => <li>{d.downloadUrl ? <a href={d.downloadUrl}>{d.type} — {d.fileName}</a> : `${d.type} — ${d.fileName}`} ({Math.ceil(d.size / 1024)} Ko)</li>)}
          </ul>
        ) : <p>{t('noDocuments')}</p>}
      </section>
      {a.eligibility && (
        <section aria-labelledby="h-eligibility">
          <h2 id="h-eligibility">{t('eligibility')}</h2>
          <div class="table-wrap"><table>
            <thead><tr><th scope="col">{t('rule')}</th><th scope="col">{t('verdict')}</th><th scope="col">{t('why')}</th></tr></thead>
            <tbody>{a.eligibility.rules.map(r => <tr><td>{r.rule}</td><td>{r.verdict}</td><td>{lang() === 'ar' ? r.messageAr : r.messageFr}</td></tr>)}</tbody>
          </table></div>
        </section>
      )}
      {isStaff && <Reviews state={reviews} />}
      {a.award && <Award a={a} id={id} isFinance={isFinance} onDone={reload} />}
      {a.ledger?.length > 0 && (
        <section aria-labelledby="h-ledger">
          <h2 id="h-ledger">{t('ledger')}</h2>
          <div class="table-wrap"><table>
            <thead><tr><th scope="col">{t('number')}</th><th scope="col">{t('amount')}</th><th scope="col">{t('paymentReference')}</th><th scope="col">{t('valueDate')}</th><th scope="col">{t('by')}</th></tr></thead>
            <tbody>{a.ledger.map(l => <tr><td>{l.tranche}</td><td class="number">{money(l.amount)}</td><td>{l.paymentReference}</td><td>{l.valueDate}</td><td>{l.releasedBy}</td></tr>)}</tbody>
          </table></div>
        </section>
      )}
      {a.reports?.length > 0 && (
        <section aria-labelledby="h-reports">
          <h2 id="h-reports">{t('reports')}</h2>
          <ul>{a.reports.map(r => <li>{t('number')} {r.number} — {r.type} — {r.status}</li>)}</ul>
        </section>
      )}
    </article>
  );
}

function Reviews({ state }) {
  const r = state.data;
  return (
    <section aria-labelledby="h-reviews">
      <h2 id="h-reviews">{t('reviews')}</h2>
      <Problem error={state.error} />
      {r?.evaluation && <p>{t('score')} : {r.evaluation.averageScore ?? '—'} · {t('votes')} : {r.evaluation.votesCast}/{r.evaluation.members} · {t('quorum')} : {r.evaluation.quorum} · {t('recommendation')} : {r.evaluation.recommendation}</p>}
      {r?.reviews?.length ? (
        <div class="table-wrap"><table>
          <thead><tr><th scope="col">{t('member')}</th><th scope="col">{t('status')}</th><th scope="col">{t('score')}</th><th scope="col">{t('recommendation')}</th><th scope="col">{t('comment')}</th></tr></thead>
          <tbody>{r.reviews.map(v => <tr><td>{v.member.name ?? v.member.id}</td><td>{v.state}</td><td class="number">{v.total ?? ''}</td><td>{v.recommendation ?? ''}</td><td>{v.comment ?? ''}</td></tr>)}</tbody>
        </table></div>
      ) : r && <p>{t('noReviews')}</p>}
    </section>
  );
}

function Award({ a, id, isFinance, onDone }) {
  return (
    <section aria-labelledby="h-award">
      <h2 id="h-award">{t('award')}</h2>
      <p>{money(a.award.amount)}{a.award.funder ? ` — ${t('funderOf')} : ${a.award.funder}` : ''}</p>
      <h3>{t('tranches')}</h3>
      <div class="table-wrap"><table class="tranches">
        <thead><tr><th scope="col">{t('number')}</th><th scope="col">{t('amount')}</th><th scope="col">{t('trancheStatus')}</th><th scope="col">{t('paymentReference')}</th><th scope="col">{t('valueDate')}</th></tr></thead>
        <tbody>{a.award.tranches.map(tr => <tr><td>{tr.number}</td><td class="number">{money(tr.amount)}</td><td>{tr.status === 'due' ? t('due') : tr.status === 'released' ? t('released') : tr.status}</td><td>{tr.paymentReference ?? ''}</td><td>{tr.valueDate ?? ''}</td></tr>)}</tbody>
      </table></div>
      {isFinance && a.award.tranches.filter(tr => tr.status === 'due').map(tr => <ReleaseForm id={id} tranche={tr} onDone={onDone} />)}
    </section>
  );
}

/** Finance releases a due tranche; one Idempotency-Key per form, so a double click or a retry records it once. */
export function ReleaseForm({ id, tranche, onDone }) {
  const [key] = useState(() => crypto.randomUUID());
  const [reference, setReference] = useState('');
  const [valueDate, setValueDate] = useState(new Date().toISOString().slice(0, 10));
  const [error, setError] = useState(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const prefix = `release-${id}-${tranche.number}`;
  const submit = async e => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await post(`/api/applications/${enc(id)}/tranches/${tranche.number}/release`, { paymentReference: reference, amount: tranche.amount, valueDate }, { 'Idempotency-Key': key });
      setDone(true);
      onDone?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="action release" onSubmit={submit} aria-label={`${t('release')} ${tranche.number} — ${id}`}>
      <p>{t('release')} {tranche.number} — {money(tranche.amount)}</p>
      <label for={`${prefix}-ref`}>{t('paymentReference')}</label>
      <input id={`${prefix}-ref`} required value={reference} onInput={e => setReference(e.currentTarget.value)} />
      <label for={`${prefix}-date`}>{t('valueDate')}</label>
      <input id={`${prefix}-date`} type="date" required value={valueDate} onInput={e => setValueDate(e.currentTarget.value)} />
      <button type="submit" disabled={busy || done}>{t('release')}</button>
      {done && <p class="ok" role="status">{t('done')}</p>}
      <Problem error={error} />
    </form>
  );
}

function Actions({ a, id, isStaff, onDone }) {
  if (!isStaff) return null;
  const base = `/api/applications/${enc(id)}`;
  const forms = [];
  if (a.status === 'awaiting-staff-review') {
    forms.push(<ReasonForm idPrefix="decision" legend={`${t('decisionTitle')}${a.reviewStage ? ` (${a.reviewStage})` : ''}`} onDone={onDone}
      choices={[{ value: 'approve', label: t('approve') }, { value: 'reject', label: t('reject') }]}
      submit={(reason, decision) => post(`${base}/decision`, { decision, reason })} />);
  }
  if (a.agreement?.state === 'signed') {
    forms.push(<ReasonForm idPrefix="agreement" legend={t('agreementTitle')} requireReason={false} onDone={onDone}
      choices={[{ value: 'accept', label: t('countersign') }, { value: 'reject', label: t('sendBack') }]}
      submit={(reason, decision) => post(`${base}/agreement/decision`, { decision, reason: reason || null })} />);
  }
  for (const r of a.reports ?? []) {
    if (r.status === 'submitted') {
      forms.push(<ReasonForm idPrefix={`report-${r.number}`} legend={`${t('reportTitle')} ${r.number}`} requireReason={false} onDone={onDone}
        choices={[{ value: 'accept', label: t('accept') }, { value: 'changes-requested', label: t('requestChanges') }]}
        submit={(reason, decision) => post(`${base}/reports/${r.number}/decision`, { decision, reason: reason || null })} />);
    }
  }
  const hold = [];
  if (!['withdrawn', 'closed', 'suspended'].includes(a.status)) hold.push({ value: 'suspend', label: t('suspend') });
  if (a.status === 'suspended') hold.push({ value: 'resume', label: t('resume') });
  if (!['withdrawn', 'closed'].includes(a.status)) hold.push({ value: 'withdraw', label: t('withdraw') });
  if (hold.length) {
    forms.push(<ReasonForm idPrefix="hold" legend={`${t('suspend')} / ${t('resume')} / ${t('withdraw')}`} onDone={onDone} choices={hold}
      submit={(reason, action) => post(`${base}/${action}`, { reason })} />);
  }
  return (
    <section aria-labelledby="h-actions">
      <h2 id="h-actions">{t('actions')}</h2>
      {forms}
    </section>
  );
}
