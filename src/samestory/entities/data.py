"""Word lists for :mod:`samestory.entities`: plain constant data, no logic. (Month names are in
:mod:`samestory.text.calendar`, shared with the sentence splitter.)

Everything here is written by hand. Lists are lower-case unless said otherwise; the code folds
case before looking a word up. Edit freely: each list is used in one place only, named in its
comment.
"""

from __future__ import annotations

from types import MappingProxyType

__all__ = [
    "STOPWORDS",
    "WEEKDAYS",
    "TITLES",
    "DE_COMMON_NOUNS",
    "DE_NOUN_SUFFIXES",
    "EN_DEMONYMS",
    "HI_STOPWORDS",
    "GENERIC_NAME_WORDS",
    "NAME_PARTICLES",
    "KEY_FOLDS",
    "KEY_ENDINGS",
    "PLACE_ENDINGS",
    "AR_PREFIXES",
    "AR_LETTERS",
    "AR_LATIN_FOLDS",
    "MULTIPLIERS",
    "CJK_UNITS",
    "PERCENT_WORDS",
    "COMBINING_FORMS",
    "COMMA_DECIMAL",
]

# Words that are capitalised only because they open a sentence (or a title-case headline), and
# words that are never a name on their own. A capitalised token in sentence-initial position is
# dropped when it is in the list of ANY language (scraped pages carry foreign cookie banners);
# in the middle of a sentence only the text's own language list applies.
_WEEKDAYS = """monday tuesday wednesday thursday friday saturday sunday montag dienstag mittwoch
donnerstag freitag samstag sonnabend sonntag lundi mardi mercredi jeudi vendredi samedi dimanche
lunes martes miércoles jueves viernes sábado domingo lunedì martedì mercoledì giovedì venerdì
sabato domenica segunda terça quarta quinta sexta maandag dinsdag woensdag donderdag vrijdag
zaterdag zondag poniedziałek wtorek środa czwartek piątek sobota niedziela понедельник вторник
среда четверг пятница суббота воскресенье pazartesi salı çarşamba perşembe cuma cumartesi pazar"""

WEEKDAYS = frozenset(_WEEKDAYS.split())

STOPWORDS = MappingProxyType(
    {
        "en": """the a an and or but if when while as at by for from in into of on to with without
after before during since until about above below over under between among through against within
across along around this that these those there here then than it its he she they we i you his her
their our your my me him them us who whom whose which what where why how all any both each every few
many most more much some such no nor not only own same so too very can could may might must shall
should will would is are was were be been being have has had do does did also however meanwhile
elsewhere earlier later now today yesterday tomorrow according despite although though because
whereas yet still already just even perhaps nobody nothing none one two three four five six seven
eight nine ten first second third last next new other another several once again well within
referring home world news source photo share follow read more via like subscribe police ok id tv""",
        "de": """der die das den dem des ein eine einer einen einem eines und oder aber doch sondern denn
weil dass daß ob wenn als wie so auch noch schon nur nicht kein keine keiner keinen er sie es wir ihr
ich du man sich sein seine seiner seinen seinem ihre ihrer ihren ihrem unser unsere dieser diese
dieses diesem diesen jener jede jeder jedes alle allen viele einige mehrere beide beiden nach vor bei
mit von zu zum zur im in am an auf aus über unter zwischen durch für gegen ohne um bis seit während
wegen laut trotz neben hinter vom beim ins da dort hier dann danach damit dabei dazu deshalb darum
jedoch zudem außerdem inzwischen bereits bisher insgesamt etwa rund mehr weniger nun jetzt heute
gestern morgen was wer wo warum welche welcher welches es gibt zwei drei vier fünf sechs sieben
acht neun zehn startseite foto quelle teilen
kommentar schreiben aufrufe insgesamt gegen nach""",
        "fr": """le la les l un une des du de d et ou mais si quand comme à au aux en dans sur sous par
pour avec sans entre vers chez selon depuis pendant avant après contre ce cet cette ces il elle ils
elles on nous vous je tu son sa ses leur leurs notre nos votre vos mon ma mes qui que quoi dont où
tout tous toute toutes plusieurs aucun aucune chaque autre autres même aussi encore déjà puis ensuite
alors ainsi donc or ni car près environ jusqu jusqu'ici ici là voici voilà accueil source partager
abonnez-vous lire c'est""",
        "es": """el la los las lo un una unos unas y e o u pero si cuando como a al de del en por para con
sin entre hacia hasta desde durante según sobre tras ante contra este esta estos estas ese esa esos
esas aquel aquella él ella ellos ellas nosotros usted ustedes yo tú su sus nuestro nuestra mi mis que
quien quienes cual cuales donde todo todos toda todas cada otro otra otros otras mismo también ya
además así luego entonces hoy ayer mañana unas hubo""",
        "it": """il lo la i gli le un uno una e ed o ma se quando come a al allo alla ai agli alle di del
dello della dei degli delle da dal dalla in nel nella nei con su sul sulla per tra fra questo questa
questi queste quello quella lui lei loro noi voi io tu suo sua suoi sue nostro che chi cui dove tutto
tutti tutta ogni altro altri anche già poi così oggi ieri domani ti vi ci si ne""",
        "pt": """o a os as um uma uns umas e ou mas se quando como ao aos à às de do da dos das em no na
nos nas por pelo pela para com sem entre até desde durante segundo sobre este esta estes estas esse
essa isso isto ele ela eles elas nós você eu seu sua seus suas nosso que quem qual onde todo todos
toda todas cada outro outra também já ainda então hoje ontem amanhã pode""",
        "nl": """de het een en of maar als wanneer zoals aan bij in op uit van voor met zonder tussen naar
over onder door tegen sinds tijdens na deze dit die dat hij zij ze wij we ik jij u zijn haar hun ons
onze wie wat waar waarom welke alle elk elke ander andere ook al nog toen dan vandaag gisteren
morgen er hier daar je kunt""",
        "pl": """i a o u w we z ze na do od po za przez przy dla bez pod nad przed między oraz lub albo
ale jednak gdy kiedy jak że to ten ta te tego tej tym ci on ona ono oni one my wy ja ty jego jej ich
nasz nasza który która które co kto gdzie dlaczego wszystko wszyscy każdy inny także też już jeszcze
potem dziś dzisiaj wczoraj jutro się nie tak""",
        "ru": """и а но или да в во на с со к ко по о об от до из у за под над при про для без через
между после перед около это этот эта эти тот та те то он она оно они мы вы я ты его её ее их наш
наша который которая которые что кто где когда как почему весь все всё каждый другой также тоже уже
ещё еще потом сейчас теперь сегодня вчера завтра если чтобы не ни же бы ли вот так там тут здесь
главная источник поделиться просмотров просмотры комментарии фото по""",
        "tr": """ve veya ama fakat ancak ile için gibi kadar göre sonra önce bu şu o bir her bazı tüm
bütün çok daha en de da ki ne nasıl neden nerede kim hangi ben sen biz siz onlar onun bunun ayrıca
bugün dün yarın""",
    }
)

# English nationality adjectives that the pattern -ian/-ean/-ese/-ish misses (entities._demonym).
EN_DEMONYMS = frozenset(
    """german korean mexican cuban french dutch swiss greek thai irish welsh scottish
english british american israeli iraqi saudi pakistani afghan kuwaiti qatari yemeni omani emirati arab
african european asian""".split()
)

# Hindi function words: never part of a candidate name.
HI_STOPWORDS = frozenset("है हैं था थे थी के की का में से को ने पर यह वह और कि भी तो लिए साथ बाद एक दो इस उस".split())

# Titles and roles that precede a name ("President Hassan Rouhani"): stripped from the edges of a
# capitalised sequence, never a name alone. Used by entities._trim.
TITLES = frozenset(
    """president presidents prime minister ministers mayor chancellor king queen prince
princess pope general director secretary senator governor chief ceo chairman chairwoman professor
prof dr mr mrs ms sir lord lady spokesman spokeswoman judge emperor sheikh ayatollah imam
präsident präsidentin kanzler kanzlerin bundeskanzler bundeskanzlerin ministerin ministerpräsident
bürgermeister bürgermeisterin sprecher sprecherin chef chefin direktor direktorin leiter leiterin
herr frau könig königin papst président présidente ministre maire roi reine premier m mme dr
presidente primer alcalde alcaldesa rey reina señor señora don doña sindaco papa signor
prefeito senhor burgemeester minister-president pan pani prezydent premier burmistrz
президент премьер министр мэр глава директор король господин госпожа cumhurbaşkanı başbakan
bakan başkanı""".split()
)

# German common nouns (frequent in news). A capitalised German word in this list is never a name;
# the long tail of other nouns is handled by entities._german_weak (singles only count when matched).
DE_COMMON_NOUNS = frozenset(
    """jahr jahre jahren jahres prozent euro dollar millionen million milliarden
milliarde regierung land länder ländern landes staat staaten stadt städte zeit tag tage tagen woche
wochen monat monate monaten polizei menschen mensch leute welt frage fragen fall fälle ende anfang
beginn teil seite seiten weg arbeit unternehmen firma firmen krieg kampf frieden gespräche gespräch
verhandlungen gesetz gericht partei parteien wahl wahlen bericht angaben angriff angriffe anschlag
opfer tote toten verletzte verletzten kinder kind frauen männer mann familie familien haus häuser
schule schulen geld preis preise kosten markt wirtschaft sicherheit entscheidung lage problem
probleme ziel ziele grund gründe zahl zahlen uhr stunde stunden minuten nacht abend mittag kilometer
kilometern meter metern tonnen hafen hafens feuer brand feuerwehr feuerwehren einsatz einsatzkräfte
schaden gebäude straße straßen dach wasser strom energie öl gas hilfe bürger einwohner anwohner
behörden behörde ministerium kommission rat parlament abgeordnete opposition armee militär soldaten
truppen waffen waffenstillstand terrorismus terror kooperation kooperationen zusammenarbeit
zusammenarbeiten beziehungen bereich bereichen region regionen gebiet gebieten nation nationen volk
rechte recht maßnahmen bemühungen lösung aktion projekt projekte plan pläne programm entwicklung
ergebnis ergebnisse erfolg spiel spiele mannschaft trainer saison sieg team mitglieder mitglied
experten experte studie daten informationen medien zeitung nachrichten agentur pressekonferenz
konferenz treffen besuch kontrolle ermittlungen hinweise hinweis universität kirche krankenhaus arzt
ärzte patienten virus pandemie klima umwelt natur wald fluss meer insel küste berg brücke bahn zug
flughafen auto autos verkehr fähre schiff unfall tier tiere fenster türen tür dorf altstadt zentrum
platz kraft kräfte führung chance jahrhundert geschichte kultur kunst musik film buch sprache
beispiel bilder bild video speicher flammen respekt kontakte präsident amtskollege amtskollegen
beamte beamten top app""".split()
)

# Endings of German common nouns: a capitalised German word with one of them is not a name.
DE_NOUN_SUFFIXES = (
    "ung",
    "ungen",
    "heit",
    "heiten",
    "keit",
    "keiten",
    "schaft",
    "schaften",
    "tion",
    "tionen",
    "tät",
    "täten",
    "ismus",
    "nis",
    "nisse",
    "erin",
    "erinnen",
    "ment",
    "mente",
    "chen",
    "lein",
    "ling",
    "linge",
    "ei",
    "eien",
)

# Words that cannot carry a match alone when they end two names ("Aonami Marine" vs "Pacific
# Marine"): institutions and places of a generic kind. Compared after entities._fold_token.
GENERIC_NAME_WORDS = frozenset(
    """front hotel group bank airport university observatory party council ministry
agency company corporation inc ltd gmbh ag sa news press service times post street square park
river lake island port harbour harbor station school hospital church club union republic kingdom
state states city county province district region center centre institute foundation museum
international national federal united technologies technology systems solutions energy holdings
industries partners media water power""".split()
)

# Lower-case particles that may sit inside a name ("Charles de Gaulle", "Ludwig van Beethoven").
NAME_PARTICLES = frozenset("de da di del della van von der den du la le bin ibn al el dos das do".split())

# Name keys (entities.name_key): spelling variants folded in this order, then one ending cut.
KEY_FOLDS = (
    ("tsch", "ch"),
    ("shch", "sh"),
    ("sch", "sh"),
    ("dzh", "j"),
    ("zh", "j"),
    ("dj", "j"),
    ("tz", "s"),
    ("ts", "s"),
    ("z", "s"),
    ("kh", "h"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("qu", "k"),
    ("q", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("y", "i"),
    ("j", "i"),
)
# Case and plural endings (Russian, Polish, German "-ien"/"-en"), as they look after KEY_FOLDS.
KEY_ENDINGS = (
    "iaia",
    "iei",
    "iiu",
    "iia",
    "ogo",
    "ego",
    "omu",
    "emu",
    "aia",
    "ami",
    "iami",
    "oie",
    "ien",
    "ih",
    "ah",
    "oi",
    "ei",
    "ii",
    "im",
    "om",
    "em",
    "en",
)
# Endings a place name may carry in text ("России", "Moskwie", "Syriens"); entities._inflected
# tries the stem alone and with a nominative ending.
PLACE_ENDINGS = (
    "iyey",
    "iey",
    "iyu",
    "ii",
    "ie",
    "yu",
    "ya",
    "oy",
    "ey",
    "om",
    "em",
    "oj",
    "ej",
    "s",
    "a",
    "u",
    "e",
    "y",
    "i",
)

# Arabic clitics before a word (conjunctions, prepositions, the article), longest first.
AR_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
# Arabic (and Persian) letters in the Latin letters a Latin spelling of the same name would use,
# with the long-vowel letters as a/i/u and glottal stops and ta marbuta silent.
AR_LETTERS = MappingProxyType(
    {
        "ب": "b",
        "ت": "t",
        "ث": "t",
        "ج": "g",
        "ح": "h",
        "خ": "h",
        "د": "d",
        "ذ": "d",
        "ر": "r",
        "ز": "z",
        "س": "s",
        "ش": "s",
        "ص": "s",
        "ض": "d",
        "ط": "t",
        "ظ": "z",
        "ع": "",
        "غ": "g",
        "ف": "f",
        "ق": "k",
        "ك": "k",
        "ل": "l",
        "م": "m",
        "ن": "n",
        "ه": "h",
        "و": "u",
        "ي": "i",
        "ى": "a",
        "ا": "a",
        "أ": "a",
        "إ": "i",
        "آ": "a",
        "ة": "",
        "ء": "",
        "ئ": "",
        "ؤ": "",
        "پ": "b",
        "چ": "g",
        "ژ": "z",
        "گ": "g",
        "ک": "k",
        "ی": "i",
        " ": "",
    }
)
# The same folds on the Latin side, applied in order after doubled letters are merged.
AR_LATIN_FOLDS = (
    ("kh", "h"),
    ("sh", "s"),
    ("th", "t"),
    ("dh", "d"),
    ("gh", "g"),
    ("ph", "f"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ei", "i"),
    ("ai", "i"),
    ("j", "g"),
    ("q", "k"),
    ("c", "k"),
    ("p", "b"),
    ("v", "f"),
    ("x", "ks"),
    ("w", "u"),
    ("y", "i"),
    ("o", "u"),
    ("e", "i"),
)

# Number words after a figure -> factor. "billion" is 10**9 in English only (see
# entities._factor); Spanish "mil millones" and Portuguese "mil milhões" are 10**9.
_MULTIPLIER_ROWS = (
    (
        1e3,
        "thousand thousands tausend tsd. mille milliers mil mila duizend tys. tysiąc tysiące tysięcy"
        " тыс. тысяча тысячи тысяч bin ألف آلاف الف हज़ार हजार þúsund tusen tusind tuhatta",
    ),
    (1e5, "lakh लाख"),
    (
        1e6,
        "million millions mn mio. mio millionen millón millones milione milioni milhão milhões miljoen"
        " mln mln. milion miliony milionów млн млн. миллион миллиона миллионов milyon مليون ملايين मिलियन"
        " milljón milljónir milljóna milljónum miljon miljoner millioner miljoonaa",
    ),
    (1e7, "crore करोड़ करोड"),
    (
        1e9,
        "billion billions bn mrd. mrd milliarde milliarden milliard milliards mil_millones miliardo"
        " miliardi bilhão bilhões mil_milhões miljard miljarden mld mld. miliard miliardy miliardów"
        " млрд млрд. миллиард миллиарда миллиардов milyar مليار مليارات بليون बिलियन अरब"
        " milljarður milljarðar milljarða milljörðum miljarder milliarder miljardia",
    ),
    (
        1e12,
        "trillion trillions billionen billón billones trilhão biljoen bilion триллион триллиона триллионов"
        " trilyon تريليون ट्रिलियन",
    ),
)
MULTIPLIERS = MappingProxyType(
    {w.replace("_", " "): factor for factor, words in _MULTIPLIER_ROWS for w in words.split()}
)

# Chinese / Japanese units inside a figure ("9億2千万", "3.6万").
CJK_UNITS = MappingProxyType({"十": 10, "百": 100, "千": 1e3, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "兆": 1e12})

PERCENT_WORDS = (
    "%",
    "٪",
    "per cent",
    "percent",
    "prozent",
    "pour cent",
    "por ciento",
    "por cento",
    "per cento",
    "procent",
    "prósent",
    "prósentum",
    "prosent",
    "prosenttia",
    "protsenti",
    "процента",
    "процентов",
    "процент",
    "パーセント",
    "प्रतिशत",
)

# The heads of compounds like "Franco-allemands" or "Sino-japonais": a combining form, not a name
# (entities.names._compound_head keeps such a compound whole).
COMBINING_FORMS = frozenset(
    "afro anglo austro euro franco germano greco hispano ibero indo italo judeo luso nippo russo sino turco"
    " americano helveto belgo polono".split()
)

# Languages that write 4,5 for four and a half and 1.204 (or 1 204) for one thousand two hundred
# and four (CLDR's decimal sign for each). All others write 4.5 and 1,204. Icelandic was missing
# until issue #12: "1.234 í sóttkví" read as 1.234, so an Icelandic COVID bulletin shared none of
# its figures with its English translation.
COMMA_DECIMAL = frozenset(
    "de fr es it pt nl pl ru tr uk cs sk sl hr sr bg ro hu da sv no nb nn fi id vi el "
    "is fo et lv lt ca gl eu sq mk be kk ky uz az ka hy bs af lb".split()
)
