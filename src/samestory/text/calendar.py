"""Month names in the languages we read: the one month table of the project.

Used by the sentence splitter (a dot after a day number before a month name does not end a
sentence: "28. März") and by date extraction (:mod:`samestory.entities`), which reads a month
only next to a day number or a year, so short forms cannot be mistaken for words.
"""

from __future__ import annotations

from types import MappingProxyType

__all__ = ["MONTHS"]

# One row per month: lower-case forms in any language; abbreviations carry their dot (a dotless
# "Jan" or "Sep" is as often a name). Issue #12 added Icelandic, Estonian, Greek (the genitive
# dates write), Romanian, Indonesian/Malay, Swahili, Tagalog, Catalan, Ukrainian, Bulgarian,
# Serbian, Hebrew (also with the prefix "in": "במרץ"; May and June only with it, as "מאי" and
# "יוני" are also names) and Thai: an Icelandic "17. júní" shared no day with its English
# translation.
# "_" joins a two-word form. A form two languages give different months keeps the first one
# here (Polish "listopada" is November; Croatian uses it for October).
_MONTH_ROWS = (
    "january jan. januar jänner janvier enero gennaio janeiro januari stycznia styczeń января январь"
    " ocak يناير كانون_الثاني जनवरी tammikuuta ledna siječnja január janúar jaanuar ιανουαρίου"
    " ianuarie януари јануар січня січень ינואר בינואר gener มกราคม",
    "february feb. februar feber février fevrier febrero febbraio fevereiro februari lutego luty"
    " февраля февраль şubat فبراير شباط फ़रवरी फरवरी helmikuuta února veljače február febrúar"
    " veebruar φεβρουαρίου februarie февруари фебруар лютого лютий פברואר בפברואר pebrero febrer"
    " กุมภาพันธ์",
    "march mar. märz mär. mars marzo março maart marts marca marzec марта март mart مارس آذار मार्च"
    " maaliskuuta března ožujka március märts μαρτίου martie maret machi березня березень מרץ במרץ"
    " marso març มีนาคม",
    "april apr. avril abril aprile kwietnia kwiecień апреля апрель nisan أبريل ابريل إبريل نيسان"
    " अप्रैल huhtikuuta dubna travnja április apríl aprill απριλίου aprilie aprili квітня квітень"
    " אפריל באפריל เมษายน",
    "may mai mayo maggio maio mei maja maj мая май mayıs مايو ماي أيار मई toukokuuta května svibnja"
    " május maí μαΐου травня травень במאי maig พฤษภาคม",
    "june jun. juni juin junio giugno junho czerwca czerwiec июня июнь haziran يونيو يونيه جوان"
    " حزيران जून kesäkuuta června lipnja június júní juuni ιουνίου iunie червня червень юни јун"
    " ביוני hunyo juny มิถุนายน",
    "july jul. juli juillet julio luglio julho lipca lipiec июля июль temmuz يوليو يوليه جويلية تموز"
    " जुलाई heinäkuuta července srpnja július júlí juuli ιουλίου iulie julai липня липень юли јул"
    " יולי ביולי hulyo juliol กรกฎาคม",
    "august aug. août aout agosto augustus augusti sierpnia sierpień августа август ağustos أغسطس"
    " اغسطس أوت آب अगस्त elokuuta srpna kolovoza augusztus ágúst αυγούστου agustus ogos agosti серпня"
    " серпень avgust אוגוסט באוגוסט agost สิงหาคม",
    "september sept. sep. septembre septiembre setiembre settembre setembro września wrzesień"
    " сентября сентябрь eylül سبتمبر أيلول सितंबर सितम्बर syyskuuta září rujna szeptember σεπτεμβρίου"
    " septembrie septemba вересня вересень септември септембар septembar ספטמבר בספטמבר setyembre"
    " setembre กันยายน",
    "october oct. oktober okt. octobre octubre ottobre outubro października październik октября"
    " октябрь ekim أكتوبر اكتوبر تشرين_الأول अक्टूबर अक्तूबर lokakuuta října október oktoober"
    " οκτωβρίου octombrie oktoba жовтня жовтень октомври октобар oktobar אוקטובר באוקטובר oktubre"
    " ตุลาคม",
    "november nov. novembre noviembre novembro listopada listopad ноября ноябрь kasım نوفمبر"
    " تشرين_الثاني नवंबर नवम्बर marraskuuta listopadu studenoga nóvember νοεμβρίου noiembrie novemba"
    " ноември новембар novembar נובמבר בנובמבר nobyembre พฤศจิกายน",
    "december dec. dezember dez. décembre decembre diciembre dicembre dezembro grudnia grudzień"
    " декабря декабрь aralık ديسمبر دجنبر كانون_الأول दिसंबर दिसम्बर joulukuuta prosince prosinca"
    " desember detsember δεκεμβρίου disember desemba грудня грудень декември децембар decembar דצמבר"
    " בדצמבר disyembre desembre ธันวาคม",
)


def _table() -> dict[str, int]:
    out: dict[str, int] = {}
    for number, row in enumerate(_MONTH_ROWS, 1):
        for word in row.split():
            out.setdefault(word.replace("_", " "), number)
    return out


#: month name -> month number (1-12)
MONTHS = MappingProxyType(_table())
