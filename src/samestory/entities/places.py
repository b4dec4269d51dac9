"""The gazetteer's rows (:mod:`.gazetteer` builds its lookup tables from them): plain data."""

from __future__ import annotations

__all__ = ["GAZETTEER_LANGS", "GAZETTEER"]

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
