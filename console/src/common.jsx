import { useEffect, useState, useCallback } from 'preact/hooks';
import { t } from './i18n.js';

/** Runs an API call when its dependencies change; `reload` runs it again. */
export function useApi(load, deps) {
  const [state, setState] = useState({ loading: true });
  const run = useCallback(() => {
    let live = true;
    setState(s => ({ ...s, loading: true }));
    load().then(data => live && setState({ data }), error => live && setState({ error }));
    return () => { live = false; };
  }, deps);
  useEffect(run, [run]);
  return { ...state, reload: run };
}

export function Problem({ error }) {
  if (!error) return null;
  const text = error.status === 403 ? t('forbidden') : error.status === 404 ? t('notFound') : error.message;
  const detail = error.problem?.detail;
  return <p class="problem" role="alert">{t('error')} {error.status ? `(${error.status})` : ''} : {text}{detail ? ` — ${detail}` : ''}</p>;
}

export const Loading = () => <p class="loading" aria-live="polite">{t('loading')}</p>;

/** A small form for an action that needs a reason; `onSubmit(reason, choice)` returns a promise. */
export function ReasonForm({ legend, choices, onDone, submit, requireReason = true, idPrefix, children }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const act = choice => async e => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await submit(reason, choice);
      setDone(true);
      onDone?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <fieldset class="action">
      <legend>{legend}</legend>
      {children}
      <label for={`${idPrefix}-reason`}>{t('reason')}</label>
      <textarea id={`${idPrefix}-reason`} rows="2" value={reason} required={requireReason} onInput={e => setReason(e.currentTarget.value)} />
      <div class="buttons">
        {choices.map(c => <button type="button" disabled={busy} onClick={act(c.value)}>{c.label}</button>)}
      </div>
      {done && <p class="ok" role="status">{t('done')}</p>}
      <Problem error={error} />
    </fieldset>
  );
}
