import { useState } from 'preact/hooks';
import { get } from './api.js';
import { useApi, Problem, Loading } from './common.jsx';
import { date, label, money, regions, sectors, statuses, t } from './i18n.js';

const pageSize = 50;

// Status, region and sector are filtered by the API; women-led, rural, funder and text on the loaded page.
export function Applications({ edition }) {
  const [form, setForm] = useState({ status: '', region: '', sector: '', womenLed: false, rural: false, funder: '', q: '' });
  const [query, setQuery] = useState(form);
  const [pages, setPages] = useState([null]); // continuation tokens: one per page visited
  const [sort, setSort] = useState({ key: 'updatedAt', descending: true });
  const token = pages[pages.length - 1];
  const { data, error, loading } = useApi(() => {
    const params = new URLSearchParams({ edition, pageSize: String(pageSize) });
    for (const k of ['status', 'region', 'sector']) if (query[k]) params.set(k, query[k]);
    if (token) params.set('continuationToken', token);
    return get(`/api/applications?${params}`);
  }, [edition, query.status, query.region, query.sector, token]);

  const set = k => e => setForm({ ...form, [k]: e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value });
  const submit = e => { e.preventDefault(); setPages([null]); setQuery(form); };
  const needle = query.q.trim().toLowerCase();
  const items = (data?.items ?? [])
    .filter(a => (!query.womenLed || a.womenLed) && (!query.rural || a.rural) && (!query.funder || a.funder === query.funder))
    .filter(a => !needle || [a.applicationId, a.applicantName, a.projectTitle].some(v => (v ?? '').toLowerCase().includes(needle)))
    .sort((a, b) => {
      const x = a[sort.key], y = b[sort.key];
      const order = typeof x === 'number' ? x - y : String(x ?? '').localeCompare(String(y ?? ''));
      return sort.descending ? -order : order;
    });
  const funders = [...new Set((data?.items ?? []).map(a => a.funder).filter(Boolean))];
  const header = (key, text) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" class="sort" onClick={() => setSort({ key, descending: sort.key === key ? !sort.descending : false })}>{text}</button>
    </th>
  );
  const select = (k, vocabulary) => (
    <div class="field">
      <label for={`f-${k}`}>{t(k)}</label>
      <select id={`f-${k}`} value={form[k]} onChange={set(k)}>
        <option value="">{t('any')}</option>
        {Object.keys(vocabulary).map(code => <option value={code}>{label(vocabulary, code)}</option>)}
      </select>
    </div>
  );

  return (
    <>
      <h1>{t('applications')} — {edition}</h1>
      <form class="filters" onSubmit={submit} aria-label={t('filters')}>
        {select('status', statuses)}
        {select('region', regions)}
        {select('sector', sectors)}
        <div class="field">
          <label for="f-funder">{t('funder')}</label>
          <select id="f-funder" value={form.funder} onChange={set('funder')}>
            <option value="">{t('any')}</option>
            {funders.map(f => <option value={f}>{f}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="f-q">{t('search')}</label>
          <input id="f-q" type="search" value={form.q} onInput={set('q')} />
        </div>
        <div class="field check"><input id="f-women" type="checkbox" checked={form.womenLed} onChange={set('womenLed')} /><label for="f-women">{t('womenLed')}</label></div>
        <div class="field check"><input id="f-rural" type="checkbox" checked={form.rural} onChange={set('rural')} /><label for="f-rural">{t('rural')}</label></div>
        <div class="buttons">
          <button type="submit">{t('apply')}</button>
          <button type="button" onClick={() => { const empty = { status: '', region: '', sector: '', womenLed: false, rural: false, funder: '', q: '' }; setForm(empty); setQuery(empty); setPages([null]); }}>{t('reset')}</button>
        </div>
      </form>
      <Problem error={error} />
      {loading && <Loading />}
      {data && (
        <>
          <p role="status">{items.length} {t('shown')} — {t('page')} {pages.length}</p>
          <div class="table-wrap">
            <table class="applications">
              <thead>
                <tr>
                  {header('applicationId', t('id'))}
                  {header('applicantName', t('applicant'))}
                  {header('projectTitle', t('project'))}
                  {header('status', t('status'))}
                  {header('region', t('region'))}
                  {header('sector', t('sector'))}
                  {header('requestedAmount', t('requested'))}
                  {header('updatedAt', t('updated'))}
                </tr>
              </thead>
              <tbody>
                {items.map(a => (
                  <tr>
                    <td><a href={`#/applications/${encodeURIComponent(a.applicationId)}`}>{a.applicationId}</a></td>
                    <td>{a.applicantName}</td>
                    <td>{a.projectTitle}{a.womenLed ? ` · ${t('womenLed')}` : ''}{a.rural ? ` · ${t('rural')}` : ''}</td>
                    <td>{label(statuses, a.status)}</td>
                    <td>{label(regions, a.region)}</td>
                    <td>{label(sectors, a.sector)}</td>
                    <td class="number">{money(a.requestedAmount)}</td>
                    <td>{date(a.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {items.length === 0 && <p>{t('noResults')}</p>}
          <div class="buttons pager">
            <button type="button" disabled={pages.length === 1} onClick={() => setPages(pages.slice(0, -1))}>{t('previous')}</button>
            <button type="button" disabled={!data.continuationToken} onClick={() => setPages([...pages, data.continuationToken])}>{t('next')}</button>
          </div>
        </>
      )}
    </>
  );
}
