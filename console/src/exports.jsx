import { useState } from 'preact/hooks';
import { download } from './api.js';
import { Problem } from './common.jsx';
import { t } from './i18n.js';

const kinds = [['applications', 'exportApplications'], ['evaluations', 'exportEvaluations'], ['selection', 'exportSelection'], ['payments', 'exportPayments'], ['indicators', 'exportIndicators']];

// Each export is a fetch with the bearer token, then a blob handed to the browser: a plain link could not carry the token.
export function Exports({ edition, isStaff }) {
  const [error, setError] = useState(null);
  const [last, setLast] = useState(null);
  const e = encodeURIComponent(edition);
  const get = (path, name) => async () => {
    setError(null);
    try {
      setLast(await download(path, name));
    } catch (err) {
      setError(err);
    }
  };
  const row = (title, path, name) => (
    <li>
      <span>{title}</span>
      {['csv', 'xlsx'].map(f => <button type="button" onClick={get(`${path}${path.includes('?') ? '&' : '?'}format=${f}`, `${name}.${f}`)}>{t('download')} {title} ({f.toUpperCase()})</button>)}
    </li>
  );
  return (
    <>
      <h1>{t('exports')} — {edition}</h1>
      <ul class="exports">
        {isStaff && kinds.map(([kind, key]) => row(t(key), `/api/editions/${e}/exports/${kind}`, `${kind}-${edition}`))}
        {row(t('exportTranches'), `/api/tranches?edition=${e}&status=due`, `tranches-${edition}`)}
      </ul>
      {last && <p class="ok" role="status">{t('downloaded')} {last}</p>}
      <Problem error={error} />
    </>
  );
}
