// Every word of the console, in French and Arabic. Codes from the API (statuses, regions, sectors) are labelled here.
const fr = {
  title: 'Mouazara — console', skip: 'Aller au contenu', language: 'Langue', signOut: 'Se déconnecter', signIn: 'Se connecter',
  signInTitle: 'Connexion', signInDev: 'Développement local : choisir un rôle', asStaff: 'Personnel du programme', asFinance: 'Finance',
  signInEntra: 'Se connecter avec Microsoft Entra ID', notConfigured: 'La connexion n’est pas configurée sur ce serveur.',
  role: 'Rôle', staff: 'Personnel', finance: 'Finance', edition: 'Édition', change: 'Changer',
  navApplications: 'Dossiers', navWork: 'À traiter', navEdition: 'Édition', navSelection: 'Sélection', navIndicators: 'Indicateurs', navExports: 'Exports',
  applications: 'Dossiers', filters: 'Filtres', status: 'Statut', region: 'Région', sector: 'Secteur', womenLed: 'Porté par des femmes', rural: 'Rural',
  funder: 'Bailleur', search: 'Recherche', any: 'Tous', apply: 'Filtrer', reset: 'Réinitialiser', next: 'Page suivante', previous: 'Page précédente',
  id: 'Dossier', applicant: 'Porteur', project: 'Projet', requested: 'Montant demandé', updated: 'Mis à jour', noResults: 'Aucun dossier.',
  sortBy: 'Trier par', shown: 'dossiers affichés', page: 'Page', yes: 'Oui', no: 'Non', loading: 'Chargement…',
  timeline: 'Historique', documents: 'Documents', eligibility: 'Éligibilité', reviews: 'Évaluations et notes', award: 'Subvention', tranches: 'Tranches',
  ledger: 'Paiements enregistrés', reports: 'Rapports', actions: 'Actions', noDocuments: 'Aucun document.', noReviews: 'Aucune évaluation.',
  at: 'Date', by: 'Par', why: 'Motif', rule: 'Règle', verdict: 'Verdict', score: 'Note', recommendation: 'Recommandation', member: 'Membre',
  amount: 'Montant', number: 'N°', due: 'Échue', trancheStatus: 'État', paymentReference: 'Référence de paiement', valueDate: 'Date de valeur',
  release: 'Verser la tranche', released: 'Versée', reason: 'Motif', decide: 'Décider', approve: 'Approuver', reject: 'Refuser',
  decisionTitle: 'Cas signalé : décision du personnel', agreementTitle: 'Convention : contre-signature', countersign: 'Contresigner', sendBack: 'Renvoyer',
  reportTitle: 'Rapport à valider', accept: 'Accepter', requestChanges: 'Demander des modifications', suspend: 'Suspendre', resume: 'Reprendre',
  withdraw: 'Retirer le dossier', done: 'Enregistré.', refused: 'Refusé', quorum: 'Quorum', votes: 'Votes', comment: 'Commentaire', funderOf: 'Bailleur',
  work: 'Travail en attente', flagged: 'Cas signalés', toCountersign: 'Conventions à contresigner', toValidate: 'Rapports à valider', tranchesDue: 'Tranches échues',
  nothing: 'Rien en attente.', open: 'Ouvrir',
  editionConfig: 'Configuration de l’édition', save: 'Enregistrer', saved: 'Configuration enregistrée.', invalid: 'Des valeurs sont invalides.',
  selection: 'Proposition de sélection', targets: 'Cibles', target: 'Cible', achieved: 'Atteint', met: 'Atteinte', selected: 'Retenus', waitlist: 'Liste d’attente',
  notSelected: 'Non retenus', confirm: 'Confirmer la sélection', override: 'Forcer', pinIn: 'Inclure', pinOut: 'Exclure', startSelection: 'Lancer la sélection',
  funders: 'Bailleurs', envelope: 'Enveloppe', committed: 'Engagé', noSelection: 'Aucune proposition pour l’instant.',
  indicators: 'Indicateurs', indicatorsUnavailable: 'Indicateurs indisponibles : ce serveur ne les calcule pas encore.', computedAt: 'Calculés le',
  byStatus: 'Dossiers par statut', durations: 'Durées des étapes (heures)', median: 'Médiane', p90: '90e centile', populations: 'Populations',
  count: 'Nombre', womenShare: 'Part portée par des femmes', ruralShare: 'Part rurale', money: 'Argent (MAD)', awarded: 'Attribué', releasedMoney: 'Versé',
  jobs: 'Emplois', forecast: 'Prévus', created: 'Créés', maintained: 'Maintenus', population: 'Population',
  exports: 'Exports', download: 'Télécharger', exportApplications: 'Dossiers', exportEvaluations: 'Évaluations', exportSelection: 'Sélection',
  exportPayments: 'Paiements', exportIndicators: 'Indicateurs', exportTranches: 'Tranches échues (bureau finance)', downloaded: 'Téléchargé :',
  error: 'Erreur', notFound: 'Introuvable.', forbidden: 'Votre rôle ne permet pas cette action.', signedInAs: 'Connecté en tant que',
};

const ar = {
  title: 'مؤازرة — لوحة التسيير', skip: 'الانتقال إلى المحتوى', language: 'اللغة', signOut: 'تسجيل الخروج', signIn: 'تسجيل الدخول',
  signInTitle: 'تسجيل الدخول', signInDev: 'تطوير محلي: اختر دورا', asStaff: 'أطر البرنامج', asFinance: 'المالية',
  signInEntra: 'الدخول عبر Microsoft Entra ID', notConfigured: 'تسجيل الدخول غير مهيأ على هذا الخادم.',
  role: 'الدور', staff: 'أطر البرنامج', finance: 'المالية', edition: 'الدورة', change: 'تغيير',
  navApplications: 'الملفات', navWork: 'في الانتظار', navEdition: 'الدورة', navSelection: 'الانتقاء', navIndicators: 'المؤشرات', navExports: 'التصدير',
  applications: 'الملفات', filters: 'التصفية', status: 'الحالة', region: 'الجهة', sector: 'القطاع', womenLed: 'تحمله نساء', rural: 'قروي',
  funder: 'الممول', search: 'بحث', any: 'الكل', apply: 'تصفية', reset: 'إعادة تعيين', next: 'الصفحة التالية', previous: 'الصفحة السابقة',
  id: 'الملف', applicant: 'حامل المشروع', project: 'المشروع', requested: 'المبلغ المطلوب', updated: 'آخر تحديث', noResults: 'لا توجد ملفات.',
  sortBy: 'ترتيب حسب', shown: 'ملفات معروضة', page: 'الصفحة', yes: 'نعم', no: 'لا', loading: 'جار التحميل…',
  timeline: 'السجل', documents: 'الوثائق', eligibility: 'الأهلية', reviews: 'التقييمات والنقط', award: 'الدعم', tranches: 'الأشطر',
  ledger: 'الأداءات المسجلة', reports: 'التقارير', actions: 'الإجراءات', noDocuments: 'لا توجد وثائق.', noReviews: 'لا توجد تقييمات.',
  at: 'التاريخ', by: 'من طرف', why: 'السبب', rule: 'القاعدة', verdict: 'الحكم', score: 'النقطة', recommendation: 'التوصية', member: 'العضو',
  amount: 'المبلغ', number: 'رقم', due: 'مستحق', trancheStatus: 'الوضعية', paymentReference: 'مرجع الأداء', valueDate: 'تاريخ القيمة',
  release: 'صرف الشطر', released: 'مصروف', reason: 'السبب', decide: 'قرار', approve: 'قبول', reject: 'رفض',
  decisionTitle: 'حالة مرصودة: قرار الأطر', agreementTitle: 'الاتفاقية: التوقيع المضاد', countersign: 'توقيع مضاد', sendBack: 'إرجاع',
  reportTitle: 'تقرير للمصادقة', accept: 'قبول', requestChanges: 'طلب تعديلات', suspend: 'تعليق', resume: 'استئناف',
  withdraw: 'سحب الملف', done: 'تم التسجيل.', refused: 'مرفوض', quorum: 'النصاب', votes: 'الأصوات', comment: 'تعليق', funderOf: 'الممول',
  work: 'الأعمال المنتظرة', flagged: 'حالات مرصودة', toCountersign: 'اتفاقيات للتوقيع المضاد', toValidate: 'تقارير للمصادقة', tranchesDue: 'أشطر مستحقة',
  nothing: 'لا شيء في الانتظار.', open: 'فتح',
  editionConfig: 'إعدادات الدورة', save: 'حفظ', saved: 'تم حفظ الإعدادات.', invalid: 'بعض القيم غير صالحة.',
  selection: 'مقترح الانتقاء', targets: 'الأهداف', target: 'الهدف', achieved: 'المحقق', met: 'محقق', selected: 'المنتقاة', waitlist: 'لائحة الانتظار',
  notSelected: 'غير المنتقاة', confirm: 'تأكيد الانتقاء', override: 'فرض', pinIn: 'إدراج', pinOut: 'استبعاد', startSelection: 'إطلاق الانتقاء',
  funders: 'الممولون', envelope: 'الغلاف المالي', committed: 'الملتزم به', noSelection: 'لا يوجد مقترح بعد.',
  indicators: 'المؤشرات', indicatorsUnavailable: 'المؤشرات غير متاحة: هذا الخادم لا يحسبها بعد.', computedAt: 'حسبت في',
  byStatus: 'الملفات حسب الحالة', durations: 'مدد المراحل (بالساعات)', median: 'الوسيط', p90: 'المئين 90', populations: 'الفئات',
  count: 'العدد', womenShare: 'حصة مشاريع النساء', ruralShare: 'الحصة القروية', money: 'المبالغ (درهم)', awarded: 'الممنوح', releasedMoney: 'المصروف',
  jobs: 'مناصب الشغل', forecast: 'المتوقعة', created: 'المحدثة', maintained: 'المحافظ عليها', population: 'الفئة',
  exports: 'التصدير', download: 'تنزيل', exportApplications: 'الملفات', exportEvaluations: 'التقييمات', exportSelection: 'الانتقاء',
  exportPayments: 'الأداءات', exportIndicators: 'المؤشرات', exportTranches: 'الأشطر المستحقة (مكتب المالية)', downloaded: 'تم التنزيل:',
  error: 'خطأ', notFound: 'غير موجود.', forbidden: 'دورك لا يسمح بهذا الإجراء.', signedInAs: 'متصل بصفة',
};

export const statuses = {
  received: ['Reçu', 'متوصل به'], 'awaiting-documents': ['Documents attendus', 'في انتظار الوثائق'], 'checking-eligibility': ['Vérification de l’éligibilité', 'التحقق من الأهلية'],
  'awaiting-staff-review': ['Examen du personnel', 'في انتظار قرار الأطر'], ineligible: ['Inéligible', 'غير مؤهل'], incomplete: ['Incomplet', 'غير مكتمل'],
  'in-evaluation': ['En évaluation', 'قيد التقييم'], shortlisted: ['Présélectionné', 'في اللائحة القصيرة'], waitlisted: ['Liste d’attente', 'في لائحة الانتظار'],
  'not-selected': ['Non retenu', 'غير منتقى'], selected: ['Retenu', 'منتقى'], 'awaiting-signature': ['Convention à signer', 'في انتظار التوقيع'],
  'award-lapsed': ['Subvention caduque', 'دعم ساقط'], disbursing: ['Décaissement', 'قيد الصرف'], suspended: ['Suspendu', 'معلق'],
  withdrawn: ['Retiré', 'مسحوب'], closed: ['Clôturé', 'مغلق'],
};

export const regions = {
  'MA-01': ['Tanger-Tétouan-Al Hoceïma', 'طنجة تطوان الحسيمة'], 'MA-02': ['L’Oriental', 'الشرق'], 'MA-03': ['Fès-Meknès', 'فاس مكناس'],
  'MA-04': ['Rabat-Salé-Kénitra', 'الرباط سلا القنيطرة'], 'MA-05': ['Béni Mellal-Khénifra', 'بني ملال خنيفرة'], 'MA-06': ['Casablanca-Settat', 'الدار البيضاء سطات'],
  'MA-07': ['Marrakech-Safi', 'مراكش آسفي'], 'MA-08': ['Drâa-Tafilalet', 'درعة تافيلالت'], 'MA-09': ['Souss-Massa', 'سوس ماسة'],
  'MA-10': ['Guelmim-Oued Noun', 'كلميم واد نون'], 'MA-11': ['Laâyoune-Sakia El Hamra', 'العيون الساقية الحمراء'], 'MA-12': ['Dakhla-Oued Ed-Dahab', 'الداخلة وادي الذهب'],
};

export const sectors = {
  handicrafts: ['Artisanat', 'الصناعة التقليدية'], 'solidarity-tourism': ['Tourisme solidaire', 'السياحة التضامنية'], agriculture: ['Agriculture', 'الفلاحة'],
  'agri-food': ['Agroalimentaire', 'الصناعة الغذائية'], 'cultural-entrepreneurship': ['Entrepreneuriat culturel', 'المقاولة الثقافية'], health: ['Santé', 'الصحة'],
  education: ['Éducation', 'التعليم'], 'renewable-energy': ['Énergies renouvelables', 'الطاقات المتجددة'], services: ['Services', 'الخدمات'],
};

const dictionaries = { fr, ar };
let language = localStorage.getItem('mouazara.language') === 'ar' ? 'ar' : 'fr';

export const lang = () => language;

export function setLanguage(next) {
  language = next === 'ar' ? 'ar' : 'fr';
  localStorage.setItem('mouazara.language', language);
  applyDocumentLanguage();
}

export function applyDocumentLanguage() {
  document.documentElement.lang = language;
  document.documentElement.dir = language === 'ar' ? 'rtl' : 'ltr';
  document.title = t('title');
}

export const t = key => dictionaries[language][key] ?? fr[key] ?? key;

/** The label of an API code from one of the vocabularies above, the code itself when unknown. */
export const label = (vocabulary, code) => (vocabulary[code] ? vocabulary[code][language === 'ar' ? 1 : 0] : code);

const locale = () => (language === 'ar' ? 'ar-MA' : 'fr-MA');
export const money = n => (n == null ? '' : new Intl.NumberFormat(locale(), { style: 'currency', currency: 'MAD', maximumFractionDigits: 2 }).format(n));
export const date = d => (d ? new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Africa/Casablanca' }).format(new Date(d)) : '');
export const percent = x => (x == null ? '' : new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(x));
