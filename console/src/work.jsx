import { get } from './api.js';
import { useApi, Problem, Loading } from './common.jsx';
import { label, money, regions, t } from './i18n.js';
import { ReleaseForm } from './application.jsx';

const list = (edition, status) => get(`/api/applications?edition=${encodeURIComponent(edition)}&status=${status}&pageSize=1000`).then(r => r.items);

// What waits for the caller: staff decide flagged cases, countersign agreements and validate reports; finance pays due tranches.
export function Work({ edition, isStaff }) {
  const staff = useApi(async () => {
    if (!isStaff) return null;
    const [flagged, signing, disbursing] = await Promise.all([list(edition, 'awaiting-staff-review'), list(edition, 'awaiting-signature'), list(edition, 'disbursing')]);
    return { flagged, countersign: signing.filter(a => a.agreementState === 'signed'), reports: disbursing };
  }, [edition, isStaff]);
  const desk = useApi(() => get(`/api/tranches?edition=${encodeURIComponent(edition)}&status=due`), [edition]);
  const apps = (title, items) => (
    <section>
      <h2>{title}</h2>
      {items.length === 0 ? <p>{t('nothing')}</p> : (
        <ul class="work">{items.map(a => <li><a href={`#/applications/${encodeURIComponent(a.applicationId)}`}>{a.applicationId}</a> — {a.applicantName} — {a.projectTitle}</li>)}</ul>
      )}
    </section>
  );
  return (
    <>
      <h1>{t('work')} — {edition}</h1>
      <Problem error={staff.error} />
      {isStaff && !staff.data && !staff.error && <Loading />}
      {staff.data && (
        <>
          {apps(t('flagged'), staff.data.flagged)}
          {apps(t('toCountersign'), staff.data.countersign)}
          {apps(t('toValidate'), staff.data.reports)}
        </>
      )}
      <section aria-labelledby="h-due">
        <h2 id="h-due">{t('tranchesDue')}</h2>
        <Problem error={desk.error} />
        {desk.data && (desk.data.items.length === 0 ? <p>{t('nothing')}</p> : (
          <ul class="desk">
            {desk.data.items.map(d => (
              <li>
                <a href={`#/applications/${encodeURIComponent(d.applicationId)}`}>{d.applicationId}</a> — {d.applicantName} — {label(regions, d.region)} — {t('number')} {d.tranche} — {money(d.amount)}{d.funder ? ` — ${d.funder}` : ''}
                <ReleaseForm id={d.applicationId} tranche={{ number: d.tranche, amount: d.amount }} onDone={() => {}} />
              </li>
            ))}
          </ul>
        ))}
      </section>
    </>
  );
}
