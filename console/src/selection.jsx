import { get, post } from './api.js';
import { useApi, Problem, Loading, ReasonForm } from './common.jsx';
import { money, t } from './i18n.js';

// The edition's selection round: the proposal, each target's attainment, and the staff actions on it.
export function SelectionPage({ edition }) {
  const base = `/api/editions/${encodeURIComponent(edition)}/selection`;
  const s = useApi(() => get(base), [edition]);
  if (s.error) return <><h1>{t('selection')} — {edition}</h1><Problem error={s.error} /></>;
  if (!s.data) return <Loading />;
  const d = s.data;
  const link = id => <a href={`#/applications/${encodeURIComponent(id)}`}>{id}</a>;
  return (
    <>
      <h1>{t('selection')} — {edition}</h1>
      <p>{t('status')} : <strong>{d.status}</strong>{d.proposedBy ? ` — ${d.proposedBy}` : ''}{d.confirmedBy ? ` — ${t('confirm')} : ${d.confirmedBy}` : ''}</p>
      {d.targets.length > 0 && (
        <section aria-labelledby="h-targets">
          <h2 id="h-targets">{t('targets')}</h2>
          <div class="table-wrap"><table>
            <thead><tr><th scope="col">{t('target')}</th><th scope="col">{t('target')}</th><th scope="col">{t('achieved')}</th><th scope="col">{t('met')}</th></tr></thead>
            <tbody>{d.targets.map(x => <tr><td>{x.name}{x.scope ? ` (${x.scope})` : ''}</td><td class="number">{x.target}</td><td class="number">{x.achieved}</td><td>{x.met ? t('yes') : t('no')}</td></tr>)}</tbody>
          </table></div>
        </section>
      )}
      {d.funders.length > 0 && (
        <section aria-labelledby="h-funders">
          <h2 id="h-funders">{t('funders')}</h2>
          <ul>{d.funders.map(f => <li>{f.id} — {t('envelope')} {money(f.envelope)} — {t('committed')} {money(f.committed)} — {f.selected}</li>)}</ul>
        </section>
      )}
      {d.selected.length === 0 && d.waitlist.length === 0 ? <p>{t('noSelection')}</p> : (
        <section aria-labelledby="h-selected">
          <h2 id="h-selected">{t('selected')}</h2>
          <ul>{d.selected.map(x => <li>{link(x.applicationId)} — {x.funder} — {money(x.amount)} — {t('score')} {x.score}</li>)}</ul>
          <h3>{t('waitlist')}</h3>
          <ul>{d.waitlist.map(x => <li>{x.rank}. {link(x.applicationId)} — {x.funder} — {t('score')} {x.score}</li>)}</ul>
          <h3>{t('notSelected')}</h3>
          <ul>{d.notSelected.map(x => <li>{link(x.applicationId)} — {t('score')} {x.score}</li>)}</ul>
        </section>
      )}
      <section aria-labelledby="h-selection-actions">
        <h2 id="h-selection-actions">{t('actions')}</h2>
        {d.status === 'proposed' && <ReasonForm idPrefix="confirm" legend={t('confirm')} requireReason={false} onDone={s.reload}
          choices={[{ value: 'confirm', label: t('confirm') }]} submit={() => post(`${base}/confirm`)} />}
        <OverrideForm base={base} onDone={s.reload} />
        {d.status === 'closed' && <ReasonForm idPrefix="start" legend={t('startSelection')} requireReason={false} onDone={s.reload}
          choices={[{ value: 'start', label: t('startSelection') }]} submit={() => post(base)} />}
      </section>
    </>
  );
}

function OverrideForm({ base, onDone }) {
  return (
    <ReasonForm idPrefix="override" legend={t('override')} onDone={onDone}
      choices={[{ value: 'in', label: t('pinIn') }, { value: 'out', label: t('pinOut') }]}
      submit={(reason, pin) => {
        const applicationId = document.getElementById('override-application').value.trim();
        return post(`${base}/overrides`, { applicationId, pin, reason });
      }}>
      <label for="override-application">{t('id')}</label>
      <input id="override-application" />
    </ReasonForm>
  );
}
