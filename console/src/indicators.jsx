import { useEffect, useRef } from 'preact/hooks';
import { Chart, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip } from 'chart.js';
import { get } from './api.js';
import { useApi, Problem, Loading } from './common.jsx';
import { date, label, lang, money, percent, statuses, t } from './i18n.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** A bar chart on a canvas, with the same figures in a table beside it for screen readers and copying. */
function Bars({ id, title, labels, series }) {
  const canvas = useRef(null);
  useEffect(() => {
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: { labels, datasets: series.map((s, i) => ({ label: s.label, data: s.data, backgroundColor: ['#1f6f8b', '#e0a030', '#7a4fa0'][i % 3] })) },
      options: { responsive: true, maintainAspectRatio: false, animation: false, locale: lang() === 'ar' ? 'ar-MA' : 'fr-MA', plugins: { legend: { rtl: lang() === 'ar' } } },
    });
    return () => chart.destroy();
  }, [JSON.stringify([labels, series])]);
  return (
    <figure class="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      <div class="canvas"><canvas ref={canvas} role="img" aria-label={title} /></div>
      <div class="table-wrap"><table class="figures">
        <thead><tr><th scope="col">{title}</th>{series.map(s => <th scope="col">{s.label}</th>)}</tr></thead>
        <tbody>{labels.map((l, i) => <tr><th scope="row">{l}</th>{series.map(s => <td class="number">{s.data[i]}</td>)}</tr>)}</tbody>
      </table></div>
    </figure>
  );
}

export function Indicators({ edition }) {
  const r = useApi(() => get(`/api/editions/${encodeURIComponent(edition)}/indicators`), [edition]);
  const heading = <h1>{t('indicators')} — {edition}</h1>;
  if (r.error?.status === 404) return <>{heading}<p class="unavailable" role="status">{t('indicatorsUnavailable')}</p></>;
  if (r.error) return <>{heading}<Problem error={r.error} /></>;
  if (!r.data) return <Loading />;
  const d = r.data;
  const statusCodes = Object.keys(d.statuses ?? {});
  return (
    <>
      {heading}
      <p>{t('computedAt')} {date(d.computedAt)}</p>
      <Bars id="statuses" title={t('byStatus')} labels={statusCodes.map(s => label(statuses, s))} series={[{ label: t('count'), data: statusCodes.map(s => d.statuses[s]) }]} />
      {d.stageDurations?.length > 0 && <Bars id="durations" title={t('durations')} labels={d.stageDurations.map(s => s.stage)}
        series={[{ label: t('median'), data: d.stageDurations.map(s => s.medianHours) }, { label: t('p90'), data: d.stageDurations.map(s => s.p90Hours) }]} />}
      {d.populations?.length > 0 && (
        <section aria-labelledby="h-populations">
          <h2 id="h-populations">{t('populations')}</h2>
          <div class="table-wrap"><table>
            <thead><tr><th scope="col">{t('population')}</th><th scope="col">{t('count')}</th><th scope="col">{t('womenShare')}</th><th scope="col">{t('ruralShare')}</th></tr></thead>
            <tbody>{d.populations.map(p => <tr><th scope="row">{p.population}</th><td class="number">{p.count}</td><td class="number">{percent(p.womenLedShare)}</td><td class="number">{percent(p.ruralShare)}</td></tr>)}</tbody>
          </table></div>
        </section>
      )}
      {d.targets?.length > 0 && (
        <section aria-labelledby="h-ind-targets">
          <h2 id="h-ind-targets">{t('targets')}</h2>
          <ul>{d.targets.map(x => <li>{x.name} ({x.population}) — {t('target')} {x.target} — {t('achieved')} {x.achieved} — {x.met ? t('met') : '✗'}</li>)}</ul>
        </section>
      )}
      {d.money && <Bars id="money" title={t('money')} labels={[t('requested'), t('awarded'), t('committed'), t('releasedMoney')]}
        series={[{ label: 'MAD', data: [d.money.requested, d.money.awarded, d.money.committed, d.money.released] }]} />}
      {d.money?.perFunder?.length > 0 && <ul>{d.money.perFunder.map(f => <li>{f.funder} — {t('envelope')} {money(f.envelope)} — {t('awarded')} {money(f.awarded)} — {t('releasedMoney')} {money(f.released)}</li>)}</ul>}
      {d.jobs && <Bars id="jobs" title={t('jobs')} labels={[t('forecast'), t('created'), t('maintained')]} series={[{ label: t('jobs'), data: [d.jobs.forecast, d.jobs.created, d.jobs.maintained] }]} />}
    </>
  );
}
