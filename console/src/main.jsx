import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { initAuth, mode, session, signInDevelopment, signInEntra, signOut } from './auth.js';
import { applyDocumentLanguage, lang, setLanguage, t } from './i18n.js';
import { Applications } from './applications.jsx';
import { Application } from './application.jsx';
import { Work } from './work.jsx';
import { EditionPage } from './edition.jsx';
import { SelectionPage } from './selection.jsx';
import { Indicators } from './indicators.jsx';
import { Exports } from './exports.jsx';

const route = () => (location.hash.replace(/^#\/?/, '') || 'applications').split('?')[0].split('/').map(decodeURIComponent);

function SignIn({ onSignedIn }) {
  const [error, setError] = useState(null);
  const dev = role => async () => {
    try {
      await signInDevelopment(role);
      onSignedIn();
    } catch (e) {
      setError(e.message);
    }
  };
  return (
    <main id="main" class="signin">
      <h1>{t('signInTitle')}</h1>
      {mode() === 'development' && (
        <section>
          <h2>{t('signInDev')}</h2>
          <div class="buttons">
            <button type="button" onClick={dev('staff')}>{t('asStaff')}</button>
            <button type="button" onClick={dev('finance')}>{t('asFinance')}</button>
          </div>
        </section>
      )}
      {mode() === 'entra' && <button type="button" onClick={() => signInEntra()}>{t('signInEntra')}</button>}
      {mode() === 'none' && <p>{t('notConfigured')}</p>}
      {error && <p class="problem" role="alert">{error}</p>}
    </main>
  );
}

function LanguageSwitch({ onChange }) {
  return (
    <div class="language" role="group" aria-label={t('language')}>
      <button type="button" lang="fr" aria-pressed={lang() === 'fr'} onClick={() => onChange('fr')}>Français</button>
      <button type="button" lang="ar" aria-pressed={lang() === 'ar'} onClick={() => onChange('ar')}>العربية</button>
    </div>
  );
}

function EditionPicker({ edition, onChange }) {
  const [value, setValue] = useState(edition);
  useEffect(() => setValue(edition), [edition]);
  return (
    <form class="edition-picker" onSubmit={e => { e.preventDefault(); onChange(value.trim()); }}>
      <label for="edition-id">{t('edition')}</label>
      <input id="edition-id" value={value} size="12" onInput={e => setValue(e.currentTarget.value)} />
      <button type="submit">{t('change')}</button>
    </form>
  );
}

function App() {
  const [, setTick] = useState(0);
  const refresh = () => setTick(n => n + 1);
  const [path, setPath] = useState(route());
  const [edition, setEdition] = useState(localStorage.getItem('mouazara.edition') || 'demo');
  useEffect(() => {
    const onHash = () => setPath(route());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const changeLanguage = l => { setLanguage(l); refresh(); };
  const changeEdition = e => { localStorage.setItem('mouazara.edition', e); setEdition(e); };
  const who = session();
  const header = (
    <header class="top">
      <a class="skip" href="#main" onClick={e => { e.preventDefault(); document.getElementById('main')?.focus(); }}>{t('skip')}</a>
      <span class="brand">{t('title')}</span>
      <LanguageSwitch onChange={changeLanguage} />
      {who && <span class="who">{t('signedInAs')} {who.name} ({who.roles.map(r => (r.endsWith('Finance') ? t('finance') : t('staff'))).join(', ')})</span>}
      {who && <button type="button" onClick={async () => { await signOut(); refresh(); }}>{t('signOut')}</button>}
    </header>
  );
  if (!who) return <>{header}<SignIn onSignedIn={refresh} /></>;

  const isFinance = who.roles.includes('Mouazara.Finance');
  const isStaff = who.roles.includes('Mouazara.Staff');
  const [page, ...rest] = path;
  const links = [
    isStaff && ['applications', t('navApplications')],
    ['work', t('navWork')],
    isStaff && ['edition', t('navEdition')],
    isStaff && ['selection', t('navSelection')],
    isStaff && ['indicators', t('navIndicators')],
    ['exports', t('navExports')],
  ].filter(Boolean);
  const props = { edition, isStaff, isFinance, key: `${lang()}-${edition}` };
  const body = page === 'applications' && rest[0] ? <Application id={rest[0]} {...props} />
    : page === 'work' ? <Work {...props} />
    : page === 'edition' ? <EditionPage {...props} />
    : page === 'selection' ? <SelectionPage {...props} />
    : page === 'indicators' ? <Indicators {...props} />
    : page === 'exports' ? <Exports {...props} />
    : isStaff ? <Applications {...props} /> : <Work {...props} />;
  return (
    <>
      {header}
      <nav aria-label={t('title')}>
        <ul>{links.map(([href, text]) => <li><a href={`#/${href}`} aria-current={page === href ? 'page' : undefined}>{text}</a></li>)}</ul>
        <EditionPicker edition={edition} onChange={changeEdition} />
      </nav>
      <main id="main" tabIndex={-1}>{body}</main>
    </>
  );
}

applyDocumentLanguage();
initAuth().then(() => render(<App />, document.getElementById('root')));
