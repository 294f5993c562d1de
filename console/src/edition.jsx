import { useEffect, useState } from 'preact/hooks';
import { get, put } from './api.js';
import { useApi, Problem, Loading } from './common.jsx';
import { t } from './i18n.js';

const isScalar = v => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** The section an error key belongs to: "committee.members[0].email" → "committee". */
const sectionOf = key => key.split(/[.[]/)[0].replace(/^\$\.?/, '');

// The edition's configuration: plain fields for scalars, one JSON editor per structured section; the API's
// validation errors (problem+json `errors`) shown next to the section they name.
export function EditionPage({ edition }) {
  const loaded = useApi(() => get(`/api/editions/${encodeURIComponent(edition)}`), [edition]);
  const [draft, setDraft] = useState(null);
  const [errors, setErrors] = useState({});
  const [problem, setProblem] = useState(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (loaded.data) setDraft(Object.fromEntries(Object.entries(loaded.data).map(([k, v]) => [k, isScalar(v) ? v : JSON.stringify(v, null, 2)])));
  }, [loaded.data]);
  if (loaded.error) return <><h1>{t('editionConfig')} — {edition}</h1><Problem error={loaded.error} /></>;
  if (!draft) return <Loading />;

  const save = async e => {
    e.preventDefault();
    setSaved(false);
    setProblem(null);
    const body = {};
    const parseErrors = {};
    for (const [k, v] of Object.entries(draft)) {
      if (isScalar(loaded.data[k])) body[k] = typeof loaded.data[k] === 'number' && v !== '' ? Number(v) : v;
      else {
        try { body[k] = JSON.parse(v); } catch (err) { parseErrors[k] = [err.message]; }
      }
    }
    if (Object.keys(parseErrors).length) { setErrors(parseErrors); return; }
    try {
      await put(`/api/editions/${encodeURIComponent(edition)}`, body);
      setErrors({});
      setSaved(true);
    } catch (err) {
      const byField = {};
      for (const [key, messages] of Object.entries(err.problem?.errors ?? {})) {
        const section = Object.keys(draft).find(k => k.toLowerCase() === sectionOf(key).toLowerCase()) ?? '';
        (byField[section] ??= []).push(...messages.map(m => (section && key !== section ? `${key} : ${m}` : m)));
      }
      setErrors(byField);
      setProblem(err);
    }
  };
  const field = key => {
    const value = draft[key];
    const id = `ed-${key}`;
    const describedBy = errors[key] ? `${id}-error` : undefined;
    const onInput = e => setDraft({ ...draft, [key]: e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value });
    return (
      <div class={`field edition-field${errors[key] ? ' invalid' : ''}`} data-field={key}>
        <label for={id}>{key}</label>
        {typeof loaded.data[key] === 'boolean' ? <input id={id} type="checkbox" checked={value} onChange={onInput} />
          : isScalar(loaded.data[key]) ? <input id={id} value={value ?? ''} aria-invalid={errors[key] ? 'true' : undefined} aria-describedby={describedBy} onInput={onInput} />
          : <textarea id={id} rows={Math.min(12, value.split('\n').length)} spellcheck={false} dir="ltr" aria-invalid={errors[key] ? 'true' : undefined} aria-describedby={describedBy} value={value} onInput={onInput} />}
        {errors[key] && <ul id={`${id}-error`} class="field-errors">{errors[key].map(m => <li>{m}</li>)}</ul>}
      </div>
    );
  };
  return (
    <>
      <h1>{t('editionConfig')} — {edition}</h1>
      <form class="edition" onSubmit={save} noValidate>
        {Object.keys(draft).map(field)}
        {errors[''] && <ul class="field-errors">{errors[''].map(m => <li>{m}</li>)}</ul>}
        <button type="submit">{t('save')}</button>
        {saved && <p class="ok" role="status">{t('saved')}</p>}
        {problem && <p class="problem" role="alert">{t('invalid')} {problem.message}</p>}
      </form>
    </>
  );
}
