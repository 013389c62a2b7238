/**
 * The window's words, in English and French. English is the reference: the French table
 * must have exactly the same keys (the compiler checks it), so no string is ever missing.
 */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const en = {
  'app.title': 'AIME Scheduler',
  'app.subtitle': 'Scheduled haikus and exports of your music collection',
  'app.loading': 'Loading the settings…',
  'app.loadError': 'Could not load the settings: {message}',
  'app.retry': 'Retry',
  'app.nav': 'Sections',
  'tab.tasks': 'Tasks',
  'tab.files': 'Files',
  'tab.collection': 'Collection',
  'tab.euria': 'EurIA',
  'tab.application': 'Application',

  'firstRun.heading': 'Welcome: your collection is empty',
  'firstRun.text':
    'Start by importing your collection (an AIME database, a Discogs CSV export or a JSON export of this app), or try the app with the demo collection.',
  'firstRun.import': 'Import a file…',
  'firstRun.demo': 'Load the demo collection',
  'firstRun.skipNote': 'Until then, scheduled haikus and exports are skipped: there is nothing to write about.',

  'scheduler.heading': 'Scheduler',
  'scheduler.running': 'Scheduler running',
  'scheduler.paused': 'Scheduler paused',
  'scheduler.pause': 'Pause',
  'scheduler.resume': 'Resume',
  'scheduler.pausedHint': 'No task runs on schedule while paused; “Run now” still works.',
  'scheduler.catchUp': 'Run missed tasks once at start-up or wake-up',

  'tasks.heading': 'Scheduled tasks',
  'task.enabled': 'Scheduled',
  'task.blocked': 'Cannot run until the output folder is fixed.',
  'tasks.cannotRun': 'No task can write its file: {problem}',
  'tasks.fixFolder': 'Fix the output folder',
  'task.time': 'Time',
  'task.frequency': 'Every',
  'task.unit': 'Unit',
  'task.unit.hour': '{n, plural, one {hour} other {hours}}',
  'task.unit.day': '{n, plural, one {day} other {days}}',
  'task.unit.week': '{n, plural, one {week} other {weeks}}',
  'task.unit.month': '{n, plural, one {month} other {months}}',
  'task.weekday': 'Day of the week',
  'task.monthDay': 'Day of the month',
  'task.save': 'Save',
  'task.saved': 'Schedule saved.',
  'task.unsaved': 'Unsaved changes',
  'task.nextRun': 'Next run',
  'task.notScheduled': 'Not scheduled',
  'task.lastRun': 'Last run',
  'task.neverRun': 'Never run yet',
  'task.invalid.time': 'Enter a time as HH:MM, e.g. 06:00.',
  'task.invalid.frequency': 'Enter a whole number from 1 to 1000.',
  'task.invalid.weekday': 'Choose a day of the week.',
  'task.invalid.monthDay': 'Enter a day of the month from 1 to 31.',
  'schedule.hour': '{n, plural, one {Every hour} other {Every # hours}}: {slots}',
  'schedule.hourDaily': 'Once a day at {time} (an interval of 24 hours or more runs daily)',
  'schedule.day': '{n, plural, one {Every day} other {Every # days}} at {time}',
  'schedule.week': '{n, plural, one {Every {weekday}} other {Every # weeks on {weekday}}} at {time}',
  'schedule.month': '{n, plural, one {Every month} other {Every # months}} on day {day} at {time}',
  'schedule.monthEnd': '{text} (or on the last day of a shorter month)',

  'weekday.monday': 'Monday',
  'weekday.tuesday': 'Tuesday',
  'weekday.wednesday': 'Wednesday',
  'weekday.thursday': 'Thursday',
  'weekday.friday': 'Friday',
  'weekday.saturday': 'Saturday',
  'weekday.sunday': 'Sunday',

  'run.now': 'Run now',
  'run.running': 'Running…',
  'run.alreadyRunning': '{task} is already running — one run at a time. Its result will appear as soon as it finishes.',
  'run.status.running': 'Running',
  'run.status.completed': 'Completed',
  'run.status.failed': 'Failed',
  'run.status.skipped': 'Skipped',
  'run.file': 'File',
  'run.albums': '{n, plural, one {# album} other {# albums}}',
  'run.took': 'took {duration}',
  'run.warnings': 'Warnings',

  'files.heading': '⚙️ Generated files settings',
  'files.keep': 'Files to keep per type (1–50)',
  'files.apply': 'Apply',
  'files.applied': '{n, plural, one {Saved: only the newest file of each type is kept.} other {Saved: the newest # files of each type are kept.}}',
  'files.invalid': 'Enter a whole number between 1 and 50. Nothing was saved.',
  'files.folder': 'Output folder',
  'files.changeFolder': 'Change folder',
  'files.problem.not_a_folder':
    '{path} is a file, not a folder. Choose another folder here, or rename or move that file away so a folder can be created.',
  'files.problem.no_access': 'This app is not allowed to read or write {path}. Choose another folder here, or change its permissions.',
  'files.problem.unreadable': '{path} cannot be read. Choose another folder here, or check the disk it is on.',
  'files.folderSaved': 'Output folder changed.',
  'files.openFolder': 'Open folder',
  'files.opened': 'Opened {path}',
  'files.notOpened': 'The folder could not be opened on this computer: {path}',
  'files.list': 'Files written',
  'files.kind.haiku': '🎋 Haikus',
  'files.kind.markdown': '📝 Markdown',
  'files.kind.json': '📊 JSON',
  'files.none': 'No file yet',
  'files.openFile': 'Open {name}',
  'haiku.latest': 'Latest haikus',
  'haiku.fallback': 'Written offline: {reason}',
  'viewer.back': 'Back to the settings',
  'viewer.missing': '{name} is not in the output folder any more (retention may have removed it).',
  'files.name': 'Name',
  'files.size': 'Size',
  'files.date': 'Written',

  'history.heading': 'History',
  'history.none': 'No run yet',
  'history.task': 'Task',
  'history.trigger': 'Trigger',
  'history.started': 'Started',
  'history.duration': 'Duration',
  'history.status': 'Status',
  'history.result': 'Result',
  'trigger.schedule': 'Schedule',
  'trigger.manual': 'Window',
  'trigger.tray': 'Tray',
  'trigger.api': 'API',
  'trigger.cli': 'Command line',
  'trigger.catch-up': 'Catch-up',

  'collection.heading': 'Collection',
  'collection.albums': 'Albums',
  'collection.artists': 'Artists',
  'collection.tracks': 'Tracks',
  'collection.lastImport': 'Last import',
  'collection.noImport': 'No import yet',
  'collection.lastImportText': '{date}: {file} ({format}, {added} added)',
  'import.heading': 'Import',
  'import.path': 'File to import',
  'import.pathHint': 'Full path on this computer, e.g. /home/me/musique.db',
  'import.format': 'Format',
  'import.format.auto': 'Detect from the file',
  'import.format.aime-db': 'AIME database (musique.db)',
  'import.format.discogs-csv': 'Discogs collection CSV',
  'import.format.json': 'JSON export of this app',
  'import.submit': 'Import',
  'import.demo': 'Load the demo collection',
  'import.running': 'Importing…',
  'import.pathRequired': 'Enter the path of the file to import.',
  'import.summary': '{file}: {added} added, {updated} updated, {skipped} skipped. The collection now holds {total, plural, one {# album} other {# albums}}.',
  'import.more': '…and {n} more',
  'import.failed': 'Import failed; the collection is unchanged. {message}',

  'euria.heading': 'EurIA (haiku writer)',
  'euria.url': 'API URL',
  'euria.model': 'Model',
  'euria.key': 'API key',
  'euria.keySet': 'A key is set (hidden). Type a new one to replace it.',
  'euria.keyUnset': 'No key is set: haikus are written offline.',
  'euria.removeKey': 'Remove the key',
  'euria.language': 'Haiku language',
  'euria.language.fr': 'French',
  'euria.language.en': 'English',
  'euria.save': 'Save',
  'euria.saved': 'EurIA settings saved.',
  'euria.test': 'Test connection',
  'euria.testing': 'Testing…',
  'euria.ok': 'Connected to {model} in {ms} ms: {message}',
  'euria.fail': 'Connection failed: {message}',
  'euria.fromEnv': 'Set by the environment variable {name}',

  'application.heading': 'Application',
  'application.startAtLogin': 'Start at login (in the tray)',
  'application.notifyOnFailure': 'Notify when a task fails',
  'application.notifyOnSuccess': 'Notify when a task completes',
  'application.apiEnabled': 'Serve the REST API and this page on this computer (127.0.0.1)',
  'application.apiPort': 'Port',
  'application.apiSave': 'Use this port',
  'application.apiOn': 'The API answers at {url}',
  'application.apiOff': 'The API is off: the command line works on the data folder only while the app is closed.',
  'application.apiProblem': 'The API is not running: {problem}. Choose another port.',

  'common.saving': 'Saving…',
  'common.error': 'Error: {message}',
} satisfies Record<string, string>;

export type MessageKey = keyof typeof en;

const fr: Record<MessageKey, string> = {
  'app.title': 'AIME Scheduler',
  'app.subtitle': 'Haïkus et exports planifiés de votre collection musicale',
  'app.loading': 'Chargement des réglages…',
  'app.loadError': 'Impossible de charger les réglages : {message}',
  'app.retry': 'Réessayer',
  'app.nav': 'Sections',
  'tab.tasks': 'Tâches',
  'tab.files': 'Fichiers',
  'tab.collection': 'Collection',
  'tab.euria': 'EurIA',
  'tab.application': 'Application',

  'firstRun.heading': 'Bienvenue : votre collection est vide',
  'firstRun.text':
    'Commencez par importer votre collection (une base AIME, un export CSV Discogs ou un export JSON de cette application), ou essayez l’application avec la collection de démonstration.',
  'firstRun.import': 'Importer un fichier…',
  'firstRun.demo': 'Charger la collection de démonstration',
  'firstRun.skipNote': 'D’ici là, les haïkus et exports planifiés sont ignorés : il n’y a rien à écrire.',

  'scheduler.heading': 'Planificateur',
  'scheduler.running': 'Planificateur actif',
  'scheduler.paused': 'Planificateur en pause',
  'scheduler.pause': 'Mettre en pause',
  'scheduler.resume': 'Reprendre',
  'scheduler.pausedHint': 'Aucune tâche planifiée ne s’exécute pendant la pause ; « Exécuter maintenant » fonctionne toujours.',
  'scheduler.catchUp': 'Rattraper une fois les tâches manquées au démarrage ou au réveil',

  'tasks.heading': 'Tâches planifiées',
  'task.enabled': 'Planifiée',
  'task.blocked': 'Ne peut pas s’exécuter tant que le dossier de sortie n’est pas corrigé.',
  'tasks.cannotRun': 'Aucune tâche ne peut écrire son fichier : {problem}',
  'tasks.fixFolder': 'Corriger le dossier de sortie',
  'task.time': 'Heure',
  'task.frequency': 'Intervalle',
  'task.unit': 'Unité',
  'task.unit.hour': '{n, plural, one {heure} other {heures}}',
  'task.unit.day': '{n, plural, one {jour} other {jours}}',
  'task.unit.week': '{n, plural, one {semaine} other {semaines}}',
  'task.unit.month': 'mois',
  'task.weekday': 'Jour de la semaine',
  'task.monthDay': 'Jour du mois',
  'task.save': 'Enregistrer',
  'task.saved': 'Planning enregistré.',
  'task.unsaved': 'Modifications non enregistrées',
  'task.nextRun': 'Prochaine exécution',
  'task.notScheduled': 'Non planifiée',
  'task.lastRun': 'Dernière exécution',
  'task.neverRun': 'Jamais exécutée',
  'task.invalid.time': 'Entrez une heure au format HH:MM, par exemple 06:00.',
  'task.invalid.frequency': 'Entrez un nombre entier de 1 à 1000.',
  'task.invalid.weekday': 'Choisissez un jour de la semaine.',
  'task.invalid.monthDay': 'Entrez un jour du mois de 1 à 31.',
  'schedule.hour': '{n, plural, one {Toutes les heures} other {Toutes les # heures}} : {slots}',
  'schedule.hourDaily': 'Une fois par jour à {time} (un intervalle de 24 heures ou plus compte pour un jour)',
  'schedule.day': '{n, plural, one {Tous les jours} other {Tous les # jours}} à {time}',
  'schedule.week': '{n, plural, one {Chaque {weekday}} other {Un {weekday} toutes les # semaines}} à {time}',
  'schedule.month': '{n, plural, one {Tous les mois} other {Tous les # mois}}, le {day} à {time}',
  'schedule.monthEnd': '{text} (ou le dernier jour d’un mois plus court)',

  'weekday.monday': 'lundi',
  'weekday.tuesday': 'mardi',
  'weekday.wednesday': 'mercredi',
  'weekday.thursday': 'jeudi',
  'weekday.friday': 'vendredi',
  'weekday.saturday': 'samedi',
  'weekday.sunday': 'dimanche',

  'run.now': 'Exécuter maintenant',
  'run.running': 'En cours…',
  'run.alreadyRunning': '{task} est déjà en cours — une seule exécution à la fois. Son résultat s’affichera dès la fin.',
  'run.status.running': 'En cours',
  'run.status.completed': 'Terminée',
  'run.status.failed': 'Échouée',
  'run.status.skipped': 'Ignorée',
  'run.file': 'Fichier',
  'run.albums': '{n, plural, one {# album} other {# albums}}',
  'run.took': 'durée {duration}',
  'run.warnings': 'Avertissements',

  'files.heading': '⚙️ Configuration des fichiers générés',
  'files.keep': 'Nombre de fichiers à conserver par type (1-50)',
  'files.apply': 'Appliquer',
  'files.applied':
    '{n, plural, one {Enregistré : seul le fichier le plus récent de chaque type est conservé.} other {Enregistré : les # fichiers les plus récents de chaque type sont conservés.}}',
  'files.invalid': 'Entrez un nombre entier entre 1 et 50. Rien n’a été enregistré.',
  'files.folder': 'Dossier de sortie',
  'files.changeFolder': 'Changer de dossier',
  'files.problem.not_a_folder':
    '{path} est un fichier, pas un dossier. Choisissez un autre dossier ici, ou renommez ou déplacez ce fichier pour qu’un dossier puisse être créé.',
  'files.problem.no_access':
    'Cette application n’a pas le droit de lire ou d’écrire dans {path}. Choisissez un autre dossier ici, ou modifiez ses autorisations.',
  'files.problem.unreadable': '{path} ne peut pas être lu. Choisissez un autre dossier ici, ou vérifiez le disque qui le contient.',
  'files.folderSaved': 'Dossier de sortie modifié.',
  'files.openFolder': 'Ouvrir le dossier',
  'files.opened': 'Ouvert : {path}',
  'files.notOpened': 'Le dossier n’a pas pu être ouvert sur cet ordinateur : {path}',
  'files.list': 'Fichiers écrits',
  'files.kind.haiku': '🎋 Haïkus',
  'files.kind.markdown': '📝 Markdown',
  'files.kind.json': '📊 JSON',
  'files.none': 'Aucun fichier pour l’instant',
  'files.openFile': 'Ouvrir {name}',
  'haiku.latest': 'Derniers haïkus',
  'haiku.fallback': 'Écrit hors ligne : {reason}',
  'viewer.back': 'Retour aux réglages',
  'viewer.missing': '{name} n’est plus dans le dossier de sortie (la rotation l’a peut-être supprimé).',
  'files.name': 'Nom',
  'files.size': 'Taille',
  'files.date': 'Écrit le',

  'history.heading': 'Historique',
  'history.none': 'Aucune exécution pour l’instant',
  'history.task': 'Tâche',
  'history.trigger': 'Déclencheur',
  'history.started': 'Début',
  'history.duration': 'Durée',
  'history.status': 'État',
  'history.result': 'Résultat',
  'trigger.schedule': 'Planning',
  'trigger.manual': 'Fenêtre',
  'trigger.tray': 'Barre système',
  'trigger.api': 'API',
  'trigger.cli': 'Ligne de commande',
  'trigger.catch-up': 'Rattrapage',

  'collection.heading': 'Collection',
  'collection.albums': 'Albums',
  'collection.artists': 'Artistes',
  'collection.tracks': 'Pistes',
  'collection.lastImport': 'Dernier import',
  'collection.noImport': 'Aucun import',
  'collection.lastImportText': '{date} : {file} ({format}, {added, plural, one {# ajouté} other {# ajoutés}})',
  'import.heading': 'Importer',
  'import.path': 'Fichier à importer',
  'import.pathHint': 'Chemin complet sur cet ordinateur, par exemple /home/moi/musique.db',
  'import.format': 'Format',
  'import.format.auto': 'Détecter d’après le fichier',
  'import.format.aime-db': 'Base AIME (musique.db)',
  'import.format.discogs-csv': 'Export CSV de collection Discogs',
  'import.format.json': 'Export JSON de cette application',
  'import.submit': 'Importer',
  'import.demo': 'Charger la collection de démonstration',
  'import.running': 'Import en cours…',
  'import.pathRequired': 'Entrez le chemin du fichier à importer.',
  'import.summary':
    '{file} : {added, plural, one {# ajouté} other {# ajoutés}}, {updated} mis à jour, {skipped, plural, one {# ignoré} other {# ignorés}}. La collection compte maintenant {total, plural, one {# album} other {# albums}}.',
  'import.more': '… et {n} de plus',
  'import.failed': 'Échec de l’import ; la collection n’a pas changé. {message}',

  'euria.heading': 'EurIA (écriture des haïkus)',
  'euria.url': 'URL de l’API',
  'euria.model': 'Modèle',
  'euria.key': 'Clé d’API',
  'euria.keySet': 'Une clé est enregistrée (masquée). Saisissez-en une nouvelle pour la remplacer.',
  'euria.keyUnset': 'Aucune clé enregistrée : les haïkus sont écrits hors ligne.',
  'euria.removeKey': 'Supprimer la clé',
  'euria.language': 'Langue des haïkus',
  'euria.language.fr': 'Français',
  'euria.language.en': 'Anglais',
  'euria.save': 'Enregistrer',
  'euria.saved': 'Réglages EurIA enregistrés.',
  'euria.test': 'Tester la connexion',
  'euria.testing': 'Test en cours…',
  'euria.ok': 'Connecté à {model} en {ms} ms : {message}',
  'euria.fail': 'Échec de la connexion : {message}',
  'euria.fromEnv': 'Défini par la variable d’environnement {name}',

  'application.heading': 'Application',
  'application.startAtLogin': 'Démarrer à l’ouverture de session (dans la barre d’état)',
  'application.notifyOnFailure': 'Notifier quand une tâche échoue',
  'application.notifyOnSuccess': 'Notifier quand une tâche se termine',
  'application.apiEnabled': 'Servir l’API REST et cette page sur cet ordinateur (127.0.0.1)',
  'application.apiPort': 'Port',
  'application.apiSave': 'Utiliser ce port',
  'application.apiOn': 'L’API répond à {url}',
  'application.apiOff': 'L’API est désactivée : la ligne de commande n’agit sur le dossier de données que lorsque l’app est fermée.',
  'application.apiProblem': 'L’API ne tourne pas : {problem}. Choisissez un autre port.',

  'common.saving': 'Enregistrement…',
  'common.error': 'Erreur : {message}',
};

const TABLES: Record<Locale, Record<MessageKey, string>> = { en, fr };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

/** The BCP 47 tag each window language formats numbers and dates with. */
export const LOCALE_TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/** French when the first preferred language is French, English otherwise. */
export function pickLocale(languages: readonly string[] | undefined): Locale {
  const first = languages?.find((language) => language.trim() !== '') ?? 'en';
  return first.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/**
 * `{name, plural, one {# album} other {# albums}}`: the form for the number `name` by the
 * language's plural rules (French puts 0 and 1 in "one": "0 ajouté", "1 ignoré"), `=N` forms
 * first; `#` is the number as the locale writes it. A form may hold `{placeholders}`.
 */
const PLURAL = /\{([\w-]+), plural,((?:\s*=?\w+\s*\{(?:[^{}]|\{[\w-]+\})*\})+)\s*\}/g;
const PLURAL_FORM = /(=?\w+)\s*\{((?:[^{}]|\{[\w-]+\})*)\}/g;

/**
 * `{name}` placeholders are filled from params; an unknown placeholder stays visible. Numbers
 * are written the locale's way ("999 999", "1,5"); pass a string for a number that must stay
 * as typed (a port, a year).
 */
export function translator(locale: Locale): Translate {
  const table = TABLES[locale];
  const numbers = new Intl.NumberFormat(LOCALE_TAGS[locale], { maximumFractionDigits: 2 });
  const plurals = new Intl.PluralRules(LOCALE_TAGS[locale]);
  const show = (value: string | number) => (typeof value === 'number' ? numbers.format(value) : value);
  return (key, params) =>
    table[key]
      .replace(PLURAL, (whole, name: string, body: string) => {
        const value = params?.[name];
        if (typeof value !== 'number') return whole;
        const forms = new Map([...body.matchAll(PLURAL_FORM)].map((m) => [m[1] as string, m[2] as string]));
        const form = forms.get(`=${value}`) ?? forms.get(plurals.select(value)) ?? forms.get('other') ?? whole;
        return form.replace(/#/g, show(value));
      })
      .replace(/\{([\w-]+)\}/g, (whole, name: string) => (params && name in params ? show(params[name] as string | number) : whole));
}

export function messageKeys(locale: Locale): MessageKey[] {
  return Object.keys(TABLES[locale]) as MessageKey[];
}
