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
    "COMMA_DECIMAL",
    "GAZETTEER_LANGS",
    "GAZETTEER",
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
        " тыс. тысяча тысячи тысяч bin ألف آلاف الف हज़ार हजार",
    ),
    (1e5, "lakh लाख"),
    (
        1e6,
        "million millions mn mio. mio millionen millón millones milione milioni milhão milhões miljoen"
        " mln mln. milion miliony milionów млн млн. миллион миллиона миллионов milyon مليون ملايين मिलियन",
    ),
    (1e7, "crore करोड़ करोड"),
    (
        1e9,
        "billion billions bn mrd. mrd milliarde milliarden milliard milliards mil_millones miliardo"
        " miliardi bilhão bilhões mil_milhões miljard miljarden mld mld. miliard miliardy miliardów"
        " млрд млрд. миллиард миллиарда миллиардов milyar مليار مليارات بليون बिलियन अरब",
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
    "процента",
    "процентов",
    "процент",
    "パーセント",
    "प्रतिशत",
)

# Languages that write 4,5 for four and a half and 1.204 (or 1 204) for one thousand two hundred
# and four. All others write 4.5 and 1,204.
COMMA_DECIMAL = frozenset("de fr es it pt nl pl ru tr uk cs sk sl hr sr bg ro hu da sv no fi id vi el".split())

# A small gazetteer: 91 countries and territories, 3 organisations ("o:" ids) and 41 cities ("c:"
# ids), in 14 languages. One row each: id | forms in GAZETTEER_LANGS order; "/" separates
# alternatives; an empty cell is unknown. Inflected forms are found by entities._inflected.
GAZETTEER_LANGS = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "tr", "ar", "zh", "ja", "hi")
GAZETTEER = """\
US|United States/USA/U.S./America|Vereinigte Staaten/USA/Amerika|États-Unis/Amérique|Estados Unidos/EE.UU./EEUU|Stati Uniti/USA|Estados Unidos/EUA|Verenigde Staten/Amerika|Stany Zjednoczone/USA/Ameryka|США/Соединённые Штаты/Соединенные Штаты/Америка|ABD/Amerika|الولايات المتحدة/أمريكا/أميركا|美国|アメリカ/米国|अमेरिका/अमरीका
GB|United Kingdom/Britain/Great Britain/UK|Großbritannien/Vereinigtes Königreich|Royaume-Uni/Grande-Bretagne|Reino Unido/Gran Bretaña|Regno Unito/Gran Bretagna|Reino Unido/Grã-Bretanha|Verenigd Koninkrijk/Groot-Brittannië|Wielka Brytania|Великобритания/Британия|İngiltere/Birleşik Krallık|بريطانيا/المملكة المتحدة|英国|イギリス/英国|ब्रिटेन
DE|Germany|Deutschland|Allemagne|Alemania|Germania|Alemanha|Duitsland|Niemcy|Германия|Almanya|ألمانيا|德国|ドイツ|जर्मनी
FR|France|Frankreich|France|Francia|Francia|França|Frankrijk|Francja|Франция|Fransa|فرنسا|法国|フランス|फ्रांस/फ़्रांस
IT|Italy|Italien|Italie|Italia|Italia|Itália|Italië|Włochy|Италия|İtalya|إيطاليا|意大利|イタリア|इटली
ES|Spain|Spanien|Espagne|España|Spagna|Espanha|Spanje|Hiszpania|Испания|İspanya|إسبانيا|西班牙|スペイン|स्पेन
PT|Portugal|Portugal|Portugal|Portugal|Portogallo|Portugal|Portugal|Portugalia|Португалия|Portekiz|البرتغال|葡萄牙|ポルトガル|पुर्तगाल
NL|Netherlands/Holland|Niederlande/Holland|Pays-Bas/Hollande|Países Bajos/Holanda|Paesi Bassi/Olanda|Países Baixos/Holanda|Nederland|Holandia/Niderlandy|Нидерланды/Голландия|Hollanda|هولندا|荷兰|オランダ|नीदरलैंड
BE|Belgium|Belgien|Belgique|Bélgica|Belgio|Bélgica|België|Belgia|Бельгия|Belçika|بلجيكا|比利时|ベルギー|बेल्जियम
CH|Switzerland|Schweiz|Suisse|Suiza|Svizzera|Suíça|Zwitserland|Szwajcaria|Швейцария|İsviçre|سويسرا|瑞士|スイス|स्विट्ज़रलैंड
AT|Austria|Österreich|Autriche|Austria|Austria|Áustria|Oostenrijk|Austria|Австрия|Avusturya|النمسا|奥地利|オーストリア|ऑस्ट्रिया
PL|Poland|Polen|Pologne|Polonia|Polonia|Polónia/Polônia|Polen|Polska|Польша|Polonya|بولندا|波兰|ポーランド|पोलैंड
CZ|Czech Republic/Czechia|Tschechien|Tchéquie|Chequia|Repubblica Ceca|Chéquia|Tsjechië|Czechy|Чехия|Çekya|التشيك|捷克|チェコ|चेक गणराज्य
UA|Ukraine|Ukraine|Ukraine|Ucrania|Ucraina|Ucrânia|Oekraïne|Ukraina|Украина|Ukrayna|أوكرانيا|乌克兰|ウクライナ|यूक्रेन
RU|Russia|Russland|Russie|Rusia|Russia|Rússia|Rusland|Rosja|Россия/РФ|Rusya|روسيا|俄罗斯/俄国|ロシア|रूस
BY|Belarus|Belarus/Weißrussland|Biélorussie|Bielorrusia|Bielorussia|Bielorrússia|Wit-Rusland|Białoruś|Белоруссия/Беларусь|Belarus|بيلاروسيا|白俄罗斯|ベラルーシ|बेलारूस
TR|Turkey/Türkiye|Türkei|Turquie|Turquía|Turchia|Turquia|Turkije|Turcja|Турция|Türkiye|تركيا|土耳其|トルコ|तुर्की
GR|Greece|Griechenland|Grèce|Grecia|Grecia|Grécia|Griekenland|Grecja|Греция|Yunanistan|اليونان|希腊|ギリシャ|यूनान/ग्रीस
SE|Sweden|Schweden|Suède|Suecia|Svezia|Suécia|Zweden|Szwecja|Швеция|İsveç|السويد|瑞典|スウェーデン|स्वीडन
NO|Norway|Norwegen|Norvège|Noruega|Norvegia|Noruega|Noorwegen|Norwegia|Норвегия|Norveç|النرويج|挪威|ノルウェー|नॉर्वे
FI|Finland|Finnland|Finlande|Finlandia|Finlandia|Finlândia|Finland|Finlandia|Финляндия|Finlandiya|فنلندا|芬兰|フィンランド|फ़िनलैंड
DK|Denmark|Dänemark|Danemark|Dinamarca|Danimarca|Dinamarca|Denemarken|Dania|Дания|Danimarka|الدنمارك|丹麦|デンマーク|डेनमार्क
IE|Ireland|Irland|Irlande|Irlanda|Irlanda|Irlanda|Ierland|Irlandia|Ирландия|İrlanda|أيرلندا|爱尔兰|アイルランド|आयरलैंड
IS|Iceland|Island|Islande|Islandia|Islanda|Islândia|IJsland|Islandia|Исландия|İzlanda|آيسلندا|冰岛|アイスランド|आइसलैंड
HU|Hungary|Ungarn|Hongrie|Hungría|Ungheria|Hungria|Hongarije|Węgry|Венгрия|Macaristan|المجر|匈牙利|ハンガリー|हंगरी
RO|Romania|Rumänien|Roumanie|Rumania/Rumanía|Romania|Roménia/Romênia|Roemenië|Rumunia|Румыния|Romanya|رومانيا|罗马尼亚|ルーマニア|रोमानिया
BG|Bulgaria|Bulgarien|Bulgarie|Bulgaria|Bulgaria|Bulgária|Bulgarije|Bułgaria|Болгария|Bulgaristan|بلغاريا|保加利亚|ブルガリア|बुल्गारिया
RS|Serbia|Serbien|Serbie|Serbia|Serbia|Sérvia|Servië|Serbia|Сербия|Sırbistan|صربيا|塞尔维亚|セルビア|सर्बिया
HR|Croatia|Kroatien|Croatie|Croacia|Croazia|Croácia|Kroatië|Chorwacja|Хорватия|Hırvatistan|كرواتيا|克罗地亚|クロアチア|क्रोएशिया
LT|Lithuania|Litauen|Lituanie|Lituania|Lituania|Lituânia|Litouwen|Litwa|Литва|Litvanya|ليتوانيا|立陶宛|リトアニア|लिथुआनिया
LV|Latvia|Lettland|Lettonie|Letonia|Lettonia|Letónia|Letland|Łotwa|Латвия|Letonya|لاتفيا|拉脱维亚|ラトビア|लातविया
EE|Estonia|Estland|Estonie|Estonia|Estonia|Estónia|Estland|Estonia|Эстония|Estonya|إستونيا|爱沙尼亚|エストニア|एस्टोनिया
CY|Cyprus|Zypern|Chypre|Chipre|Cipro|Chipre|Cyprus|Cypr|Кипр|Kıbrıs|قبرص|塞浦路斯|キプロス|साइप्रस
IL|Israel|Israel|Israël|Israel|Israele|Israel|Israël|Izrael|Израиль|İsrail|إسرائيل|以色列|イスラエル|इज़राइल/इजराइल
PS|Palestine|Palästina|Palestine|Palestina|Palestina|Palestina|Palestina|Palestyna|Палестина|Filistin|فلسطين|巴勒斯坦|パレスチナ|फ़िलिस्तीन
GZ|Gaza|Gaza|Gaza|Gaza|Gaza|Gaza|Gaza|Gaza/Strefa Gazy|Газа|Gazze|غزة|加沙|ガザ|ग़ज़ा/गाजा
LB|Lebanon|Libanon|Liban|Líbano|Libano|Líbano|Libanon|Liban|Ливан|Lübnan|لبنان|黎巴嫩|レバノン|लेबनान
SY|Syria|Syrien|Syrie|Siria|Siria|Síria|Syrië|Syria|Сирия|Suriye|سوريا/سورية|叙利亚|シリア|सीरिया
IQ|Iraq|Irak|Irak|Irak|Iraq|Iraque|Irak|Irak|Ирак|Irak|العراق|伊拉克|イラク|इराक/इराक़
IR|Iran|Iran|Iran|Irán|Iran|Irão/Irã|Iran|Iran|Иран|İran|إيران|伊朗|イラン|ईरान
JO|Jordan|Jordanien|Jordanie|Jordania|Giordania|Jordânia|Jordanië|Jordania|Иордания|Ürdün|الأردن|约旦|ヨルダン|जॉर्डन
SA|Saudi Arabia|Saudi-Arabien|Arabie saoudite|Arabia Saudí/Arabia Saudita|Arabia Saudita|Arábia Saudita|Saoedi-Arabië|Arabia Saudyjska|Саудовская Аравия|Suudi Arabistan|السعودية|沙特阿拉伯/沙特|サウジアラビア|सऊदी अरब
AE|United Arab Emirates/UAE|Vereinigte Arabische Emirate|Émirats arabes unis|Emiratos Árabes Unidos|Emirati Arabi Uniti|Emirados Árabes Unidos|Verenigde Arabische Emiraten|Zjednoczone Emiraty Arabskie|ОАЭ|Birleşik Arap Emirlikleri|الإمارات|阿联酋|アラブ首長国連邦|संयुक्त अरब अमीरात
QA|Qatar|Katar|Qatar|Catar|Qatar|Catar|Qatar|Katar|Катар|Katar|قطر|卡塔尔|カタール|क़तर/कतर
KW|Kuwait|Kuwait|Koweït|Kuwait|Kuwait|Kuwait|Koeweit|Kuwejt|Кувейт|Kuveyt|الكويت|科威特|クウェート|कुवैत
YE|Yemen|Jemen|Yémen|Yemen|Yemen|Iémen/Iêmen|Jemen|Jemen|Йемен|Yemen|اليمن|也门|イエメン|यमन
EG|Egypt|Ägypten|Égypte|Egipto|Egitto|Egito/Egipto|Egypte|Egipt|Египет|Mısır|مصر|埃及|エジプト|मिस्र
LY|Libya|Libyen|Libye|Libia|Libia|Líbia|Libië|Libia|Ливия|Libya|ليبيا|利比亚|リビア|लीबिया
TN|Tunisia|Tunesien|Tunisie|Túnez|Tunisia|Tunísia|Tunesië|Tunezja|Тунис|Tunus|تونس|突尼斯|チュニジア|ट्यूनीशिया
DZ|Algeria|Algerien|Algérie|Argelia|Algeria|Argélia|Algerije|Algieria|Алжир|Cezayir|الجزائر|阿尔及利亚|アルジェリア|अल्जीरिया
MA|Morocco|Marokko|Maroc|Marruecos|Marocco|Marrocos|Marokko|Maroko|Марокко|Fas|المغرب|摩洛哥|モロッコ|मोरक्को
SD|Sudan|Sudan|Soudan|Sudán|Sudan|Sudão|Soedan|Sudan|Судан|Sudan|السودان|苏丹|スーダン|सूडान
ET|Ethiopia|Äthiopien|Éthiopie|Etiopía|Etiopia|Etiópia|Ethiopië|Etiopia|Эфиопия|Etiyopya|إثيوبيا|埃塞俄比亚|エチオピア|इथियोपिया
SO|Somalia|Somalia|Somalie|Somalia|Somalia|Somália|Somalië|Somalia|Сомали|Somali|الصومال|索马里|ソマリア|सोमालिया
NG|Nigeria|Nigeria|Nigeria|Nigeria|Nigeria|Nigéria|Nigeria|Nigeria|Нигерия|Nijerya|نيجيريا|尼日利亚|ナイジェリア|नाइजीरिया
KE|Kenya|Kenia|Kenya|Kenia|Kenya|Quénia/Quênia|Kenia|Kenia|Кения|Kenya|كينيا|肯尼亚|ケニア|केन्या
ZA|South Africa|Südafrika|Afrique du Sud|Sudáfrica|Sudafrica|África do Sul|Zuid-Afrika|RPA|ЮАР/Южная Африка|Güney Afrika|جنوب أفريقيا/جنوب إفريقيا|南非|南アフリカ|दक्षिण अफ्रीका/दक्षिण अफ़्रीका
AF|Afghanistan|Afghanistan|Afghanistan|Afganistán|Afghanistan|Afeganistão|Afghanistan|Afganistan|Афганистан|Afganistan|أفغانستان|阿富汗|アフガニスタン|अफ़ग़ानिस्तान/अफगानिस्तान
PK|Pakistan|Pakistan|Pakistan|Pakistán|Pakistan|Paquistão|Pakistan|Pakistan|Пакистан|Pakistan|باكستان|巴基斯坦|パキスタン|पाकिस्तान
IN|India|Indien|Inde|India|India|Índia|India|Indie|Индия|Hindistan|الهند|印度|インド|भारत
BD|Bangladesh|Bangladesch|Bangladesh|Bangladés|Bangladesh|Bangladesh|Bangladesh|Bangladesz|Бангладеш|Bangladeş|بنغلاديش|孟加拉国|バングラデシュ|बांग्लादेश
LK|Sri Lanka|Sri Lanka|Sri Lanka|Sri Lanka|Sri Lanka|Sri Lanka|Sri Lanka|Sri Lanka|Шри-Ланка|Sri Lanka|سريلانكا|斯里兰卡|スリランカ|श्रीलंका
NP|Nepal|Nepal|Népal|Nepal|Nepal|Nepal|Nepal|Nepal|Непал|Nepal|نيبال|尼泊尔|ネパール|नेपाल
MM|Myanmar/Burma|Myanmar|Birmanie/Myanmar|Birmania/Myanmar|Birmania/Myanmar|Myanmar|Myanmar|Mjanma/Birma|Мьянма|Myanmar|ميانمار|缅甸|ミャンマー|म्यांमार
ID|Indonesia|Indonesien|Indonésie|Indonesia|Indonesia|Indonésia|Indonesië|Indonezja|Индонезия|Endonezya|إندونيسيا|印度尼西亚/印尼|インドネシア|इंडोनेशिया
MY|Malaysia|Malaysia|Malaisie|Malasia|Malaysia|Malásia|Maleisië|Malezja|Малайзия|Malezya|ماليزيا|马来西亚|マレーシア|मलेशिया
PH|Philippines|Philippinen|Philippines|Filipinas|Filippine|Filipinas|Filipijnen|Filipiny|Филиппины|Filipinler|الفلبين|菲律宾|フィリピン|फ़िलीपींस
SG|Singapore|Singapur|Singapour|Singapur|Singapore|Singapura|Singapore|Singapur|Сингапур|Singapur|سنغافورة|新加坡|シンガポール|सिंगापुर
VN|Vietnam|Vietnam|Vietnam/Viêt Nam|Vietnam|Vietnam|Vietname|Vietnam|Wietnam|Вьетнам|Vietnam|فيتنام|越南|ベトナム|वियतनाम
TH|Thailand|Thailand|Thaïlande|Tailandia|Thailandia|Tailândia|Thailand|Tajlandia|Таиланд|Tayland|تايلاند|泰国|タイ|थाईलैंड
CN|China|China|Chine|China|Cina|China|China|Chiny|Китай|Çin|الصين|中国|中国|चीन
TW|Taiwan|Taiwan|Taïwan|Taiwán|Taiwan|Taiwan|Taiwan|Tajwan|Тайвань|Tayvan|تايوان|台湾|台湾|ताइवान
HK|Hong Kong|Hongkong|Hong Kong|Hong Kong|Hong Kong|Hong Kong|Hongkong|Hongkong|Гонконг|Hong Kong|هونغ كونغ|香港|香港|हांगकांग
JP|Japan|Japan|Japon|Japón|Giappone|Japão|Japan|Japonia|Япония|Japonya|اليابان|日本|日本|जापान
KR|South Korea|Südkorea|Corée du Sud|Corea del Sur|Corea del Sud|Coreia do Sul|Zuid-Korea|Korea Południowa|Южная Корея|Güney Kore|كوريا الجنوبية|韩国|韓国|दक्षिण कोरिया
KP|North Korea|Nordkorea|Corée du Nord|Corea del Norte|Corea del Nord|Coreia do Norte|Noord-Korea|Korea Północna|КНДР/Северная Корея|Kuzey Kore|كوريا الشمالية|朝鲜|北朝鮮|उत्तर कोरिया
AU|Australia|Australien|Australie|Australia|Australia|Austrália|Australië|Australia|Австралия|Avustralya|أستراليا|澳大利亚/澳洲|オーストラリア|ऑस्ट्रेलिया
NZ|New Zealand|Neuseeland|Nouvelle-Zélande|Nueva Zelanda|Nuova Zelanda|Nova Zelândia|Nieuw-Zeeland|Nowa Zelandia|Новая Зеландия|Yeni Zelanda|نيوزيلندا|新西兰|ニュージーランド|न्यूज़ीलैंड
CA|Canada|Kanada|Canada|Canadá|Canada|Canadá|Canada|Kanada|Канада|Kanada|كندا|加拿大|カナダ|कनाडा
MX|Mexico|Mexiko|Mexique|México|Messico|México|Mexico|Meksyk|Мексика|Meksika|المكسيك|墨西哥|メキシコ|मेक्सिको
BR|Brazil|Brasilien|Brésil|Brasil|Brasile|Brasil|Brazilië|Brazylia|Бразилия|Brezilya|البرازيل|巴西|ブラジル|ब्राज़ील/ब्राजील
AR|Argentina|Argentinien|Argentine|Argentina|Argentina|Argentina|Argentinië|Argentyna|Аргентина|Arjantin|الأرجنتين|阿根廷|アルゼンチン|अर्जेंटीना
CL|Chile|Chile|Chili|Chile|Cile|Chile|Chili|Chile|Чили|Şili|تشيلي|智利|チリ|चिली
CO|Colombia|Kolumbien|Colombie|Colombia|Colombia|Colômbia|Colombia|Kolumbia|Колумбия|Kolombiya|كولومبيا|哥伦比亚|コロンビア|कोलंबिया
PE|Peru|Peru|Pérou|Perú|Perù|Peru|Peru|Peru|Перу|Peru|بيرو|秘鲁|ペルー|पेरू
VE|Venezuela|Venezuela|Venezuela|Venezuela|Venezuela|Venezuela|Venezuela|Wenezuela|Венесуэла|Venezuela|فنزويلا|委内瑞拉|ベネズエラ|वेनेज़ुएला
CU|Cuba|Kuba|Cuba|Cuba|Cuba|Cuba|Cuba|Kuba|Куба|Küba|كوبا|古巴|キューバ|क्यूबा
KZ|Kazakhstan|Kasachstan|Kazakhstan|Kazajistán|Kazakistan|Cazaquistão|Kazachstan|Kazachstan|Казахстан|Kazakistan|كازاخستان|哈萨克斯坦|カザフスタン|कज़ाख़स्तान/कजाकिस्तान
GE|Georgia|Georgien|Géorgie|Georgia|Georgia|Geórgia|Georgië|Gruzja|Грузия|Gürcistan|جورجيا|格鲁吉亚|ジョージア/グルジア|जॉर्जिया
AM|Armenia|Armenien|Arménie|Armenia|Armenia|Arménia|Armenië|Armenia|Армения|Ermenistan|أرمينيا|亚美尼亚|アルメニア|आर्मेनिया
AZ|Azerbaijan|Aserbaidschan|Azerbaïdjan|Azerbaiyán|Azerbaigian|Azerbaijão|Azerbeidzjan|Azerbejdżan|Азербайджан|Azerbaycan|أذربيجان|阿塞拜疆|アゼルバイジャン|अज़रबैजान
o:EU|European Union/EU|Europäische Union/EU|Union européenne/UE|Unión Europea/UE|Unione europea/UE|União Europeia/UE|Europese Unie/EU|Unia Europejska/UE|Евросоюз/Европейский союз/ЕС|Avrupa Birliği/AB|الاتحاد الأوروبي|欧盟|欧州連合|यूरोपीय संघ
o:UN|United Nations/UN|Vereinte Nationen/UN/UNO|Nations unies/ONU|Naciones Unidas/ONU|Nazioni Unite/ONU|Nações Unidas/ONU|Verenigde Naties/VN|ONZ|ООН|Birleşmiş Milletler/BM|الأمم المتحدة|联合国|国連|संयुक्त राष्ट्र
o:NATO|NATO|NATO/Nato|OTAN|OTAN|NATO/Nato|NATO/OTAN|NAVO|NATO|НАТО|NATO|الناتو|北约|北大西洋条約機構|नाटो
c:MOW|Moscow|Moskau|Moscou|Moscú|Mosca|Moscou|Moskou|Moskwa|Москва|Moskova|موسكو|莫斯科|モスクワ|मास्को/मॉस्को
c:THR|Tehran/Teheran|Teheran|Téhéran|Teherán|Teheran|Teerã/Teerão|Teheran|Teheran|Тегеран|Tahran|طهران|德黑兰|テヘラン|तेहरान
c:DAM|Damascus|Damaskus|Damas|Damasco|Damasco|Damasco|Damascus|Damaszek|Дамаск|Şam|دمشق|大马士革|ダマスカス|दमिश्क
c:ALP|Aleppo|Aleppo|Alep|Alepo|Aleppo|Alepo|Aleppo|Aleppo|Алеппо/Халеб|Halep|حلب|阿勒颇|アレッポ|अलेप्पो
c:BGW|Baghdad|Bagdad|Bagdad|Bagdad|Baghdad|Bagdá|Bagdad|Bagdad|Багдад|Bağdat|بغداد|巴格达|バグダッド|बगदाद
c:BEY|Beirut|Beirut|Beyrouth|Beirut|Beirut|Beirute|Beiroet|Bejrut|Бейрут|Beyrut|بيروت|贝鲁特|ベイルート|बेरूत
c:JRS|Jerusalem|Jerusalem|Jérusalem|Jerusalén|Gerusalemme|Jerusalém|Jeruzalem|Jerozolima|Иерусалим|Kudüs|القدس|耶路撒冷|エルサレム|यरूशलम
c:TLV|Tel Aviv|Tel Aviv|Tel Aviv/Tel-Aviv|Tel Aviv|Tel Aviv|Tel Aviv|Tel Aviv|Tel Awiw|Тель-Авив|Tel Aviv|تل أبيب|特拉维夫|テルアビブ|तेल अवीव
c:CAI|Cairo|Kairo|Le Caire|El Cairo|Il Cairo|Cairo|Caïro|Kair|Каир|Kahire|القاهرة|开罗|カイロ|काहिरा
c:RUH|Riyadh|Riad|Riyad|Riad|Riad|Riade|Riyad|Rijad|Эр-Рияд/Рияд|Riyad|الرياض|利雅得|リヤド|रियाद
c:DOH|Doha|Doha|Doha|Doha|Doha|Doha|Doha|Doha|Доха|Doha|الدوحة|多哈|ドーハ|दोहा
c:DXB|Dubai|Dubai|Dubaï|Dubái|Dubai|Dubai|Dubai|Dubaj|Дубай|Dubai|دبي|迪拜|ドバイ|दुबई
c:ANK|Ankara|Ankara|Ankara|Ankara|Ankara|Ancara|Ankara|Ankara|Анкара|Ankara|أنقرة|安卡拉|アンカラ|अंकारा
c:IST|Istanbul|Istanbul|Istanbul|Estambul|Istanbul|Istambul|Istanboel|Stambuł|Стамбул|İstanbul|إسطنبول/اسطنبول|伊斯坦布尔|イスタンブール|इस्तांबुल
c:AST|Astana|Astana|Astana|Astaná|Astana|Astana|Astana|Astana|Астана|Astana|أستانا|阿斯塔纳|アスタナ|अस्ताना
c:GVA|Geneva|Genf|Genève|Ginebra|Ginevra|Genebra|Genève|Genewa|Женева|Cenevre|جنيف|日内瓦|ジュネーブ|जिनेवा
c:KBL|Kabul|Kabul|Kaboul|Kabul|Kabul|Cabul|Kabul|Kabul|Кабул|Kabil|كابول|喀布尔|カブール|काबुल
c:KYV|Kyiv/Kiev|Kiew|Kiev/Kyiv|Kiev|Kiev|Kiev|Kiev|Kijów|Киев|Kiev|كييف|基辅|キーウ/キエフ|कीव
c:MSQ|Minsk|Minsk|Minsk|Minsk|Minsk|Minsk|Minsk|Mińsk|Минск|Minsk|مينسك|明斯克|ミンスク|मिन्स्क
c:WAW|Warsaw|Warschau|Varsovie|Varsovia|Varsavia|Varsóvia|Warschau|Warszawa|Варшава|Varşova|وارسو|华沙|ワルシャワ|वारसॉ
c:BER|Berlin|Berlin|Berlin|Berlín|Berlino|Berlim|Berlijn|Berlin|Берлин|Berlin|برلين|柏林|ベルリン|बर्लिन
c:PAR|Paris|Paris|Paris|París|Parigi|Paris|Parijs|Paryż|Париж|Paris|باريس|巴黎|パリ|पेरिस
c:LON|London|London|Londres|Londres|Londra|Londres|Londen|Londyn|Лондон|Londra|لندن|伦敦|ロンドン|लंदन
c:ROM|Rome|Rom|Rome|Roma|Roma|Roma|Rome|Rzym|Рим|Roma|روما|罗马|ローマ|रोम
c:MAD|Madrid|Madrid|Madrid|Madrid|Madrid|Madrid|Madrid|Madryt|Мадрид|Madrid|مدريد|马德里|マドリード|मैड्रिड
c:BRU|Brussels|Brüssel|Bruxelles|Bruselas|Bruxelles|Bruxelas|Brussel|Bruksela|Брюссель|Brüksel|بروكسل|布鲁塞尔|ブリュッセル|ब्रसेल्स
c:VIE|Vienna|Wien|Vienne|Viena|Vienna|Viena|Wenen|Wiedeń|Вена|Viyana|فيينا|维也纳|ウィーン|वियना
c:AMS|Amsterdam|Amsterdam|Amsterdam|Ámsterdam|Amsterdam|Amesterdão/Amsterdã|Amsterdam|Amsterdam|Амстердам|Amsterdam|أمستردام|阿姆斯特丹|アムステルダム|एम्स्टर्डम
c:ATH|Athens|Athen|Athènes|Atenas|Atene|Atenas|Athene|Ateny|Афины|Atina|أثينا|雅典|アテネ|एथेंस
c:LIS|Lisbon|Lissabon|Lisbonne|Lisboa|Lisbona|Lisboa|Lissabon|Lizbona|Лиссабон|Lizbon|لشبونة|里斯本|リスボン|लिस्बन
c:PRG|Prague|Prag|Prague|Praga|Praga|Praga|Praag|Praga|Прага|Prag|براغ|布拉格|プラハ|प्राग
c:WAS|Washington|Washington|Washington|Washington|Washington|Washington|Washington|Waszyngton|Вашингтон|Washington|واشنطن|华盛顿|ワシントン|वाशिंगटन
c:NYC|New York|New York|New York|Nueva York|New York|Nova Iorque/Nova York|New York|Nowy Jork|Нью-Йорк|New York|نيويورك|纽约|ニューヨーク|न्यूयॉर्क
c:BUE|Buenos Aires|Buenos Aires|Buenos Aires|Buenos Aires|Buenos Aires|Buenos Aires|Buenos Aires|Buenos Aires|Буэнос-Айрес|Buenos Aires|بوينس آيرس|布宜诺斯艾利斯|ブエノスアイレス|ब्यूनस आयर्स
c:BJS|Beijing/Peking|Peking|Pékin|Pekín|Pechino|Pequim|Peking|Pekin|Пекин|Pekin|بكين|北京|北京|बीजिंग
c:SHA|Shanghai|Shanghai|Shanghai|Shanghái|Shanghai|Xangai|Shanghai|Szanghaj|Шанхай|Şanghay|شنغهاي|上海|上海|शंघाई
c:TYO|Tokyo|Tokio|Tokyo|Tokio|Tokyo|Tóquio|Tokio|Tokio|Токио|Tokyo|طوكيو|东京|東京|टोक्यो
c:SEL|Seoul|Seoul|Séoul|Seúl|Seul|Seul|Seoel|Seul|Сеул|Seul|سيول|首尔|ソウル|सियोल
c:FNJ|Pyongyang|Pjöngjang|Pyongyang|Pionyang|Pyongyang|Pyongyang|Pyongyang|Pjongjang|Пхеньян|Pyongyang|بيونغ يانغ|平壤|平壌|प्योंगयांग
c:DEL|New Delhi/Delhi|Neu-Delhi/Delhi|New Delhi/Delhi|Nueva Delhi|Nuova Delhi|Nova Deli|New Delhi|Nowe Delhi|Нью-Дели/Дели|Yeni Delhi|نيودلهي|新德里|ニューデリー|नई दिल्ली/दिल्ली
c:BOM|Mumbai/Bombay|Mumbai|Bombay/Mumbai|Bombay/Mumbai|Mumbai|Mumbai|Mumbai|Mumbaj|Мумбаи|Mumbai|مومباي|孟买|ムンバイ|मुंबई
"""
