"""Multilingual vocabulary of scraped-page boilerplate, used by the rules (:mod:`.rules`).

Covers ar de en es fr hi it ja nl pl pt ru tr zh. Terms are lower-case; ``SPACED`` lists match
on word boundaries, ``UNSPACED`` lists (scripts written without spaces) match as substrings.
Adding a language means adding words here, nothing else.
"""

from __future__ import annotations

# Words that make a short line containing a number a counter ("Visualizzazioni : 41").
COUNTER_WORDS = """
view views viewed reads read visits visit hits likes like comments comment shares share
reactions reaction votes vote followers clicks plays downloads
visualizzazioni visualizzazione visite letture lettura commenti mi piace condivisioni
aufrufe aufruf gelesen mal kommentare kommentar leser klicks gefällt
vues vue lectures lecture commentaires commentaire partages j'aime visites
vistas visitas lecturas comentarios comentario compartidos compartido me gusta visualizaciones
visualizações visualizacoes leituras comentários curtidas partilhas
weergaven gelezen reacties keer bekeken
wyświetleń wyświetlenia wyświetlenie odsłon odsłony komentarzy komentarze polubień
просмотров просмотры просмотр прочтений прочитано комментариев комментарии комментарий лайков
görüntülenme okunma okundu yorum yorumlar beğeni beğen
مشاهدة مشاهدات قراءة تعليقات تعليق إعجاب
बार देखा व्यूज टिप्पणी टिप्पणियां
""".split()
COUNTER_UNSPACED = ["阅读", "浏览", "评论", "点赞", "閲覧", "コメント", "いいね", "次閲覧", "人气", "人氣"]

# First word(s) of a credit line, before a colon: "Source: News Agencies", "Foto: dpa".
CREDIT_HEADS = """
source sources credit credits photo photos photograph image images picture pictures video
illustration graphic caption copyright via reporting editing writing
quelle quellen foto fotos bild bilder bildquelle titelbild grafik mitarbeit
fuente fuentes imagen imágenes fotografía
fonte fonti immagine immagini
crédit crédits crédit photo légende
bron beeld
źródło zdjęcie fot
источник источники фото фотография иллюстрация
kaynak fotoğraf görsel
المصدر مصدر صورة الصورة
स्रोत फोटो तस्वीर
""".split()
CREDIT_UNSPACED = [
    "来源",
    "來源",
    "出处",
    "图片",
    "圖片",
    "出典",
    "写真",
    "画像",
    "摄影",
    "攝影",
    "责任编辑",
    "責任編輯",
    "编辑",
]
RIGHTS_PHRASES = [
    "all rights reserved",
    "alle rechte vorbehalten",
    "tous droits réservés",
    "todos los derechos reservados",
    "tutti i diritti riservati",
    "todos os direitos reservados",
    "alle rechten voorbehouden",
    "wszelkie prawa zastrzeżone",
    "все права защищены",
    "tüm hakları saklıdır",
    "جميع الحقوق محفوظة",
    "सर्वाधिकार सुरक्षित",
    "版权所有",
    "版權所有",
    "無断転載",
    "著作権",
]

# Prompts: cookie/consent, newsletter/subscribe, share/follow, comment, login/register.
PROMPT_WORDS = """
cookie cookies consent accept accepting agree privacy gdpr settings preferences browsing
subscribe subscribed subscription newsletter newsletters sign signup inbox notifications unsubscribe
share tweet follow facebook twitter whatsapp telegram linkedin pinterest instagram youtube email e-mail
comment comments reply login log register account password forgot
einwilligung zustimmen akzeptieren datenschutz datenschutzerklärung einstellungen abonnieren abonnement
newsletter teilen kommentar kommentare kommentieren anmelden registrieren folgen
consenso accetta accetto acconsenti informativa impostazioni navigazione iscriviti commenta commento
condividi accedi registrati seguici
consentement accepter acceptez j'accepte confidentialité paramètres navigation abonnez-vous abonner
partager commenter commentaire connexion inscrivez-vous suivez-nous
consentimiento aceptar acepto aceptas privacidad configuración navegación suscríbete suscribirse
compartir comentar comentario iniciar sesión regístrate síguenos
consentimento aceitar aceito privacidade configurações navegação assine inscreva-se compartilhar
partilhar comente comentário entrar siga-nos
toestemming accepteren akkoord instellingen abonneer aanmelden delen reageer reactie volg
zgoda akceptuję akceptuj prywatności ustawienia subskrybuj zapisz udostępnij skomentuj komentarz
zaloguj zarejestruj obserwuj
согласие принять принимаю конфиденциальности настройки подпишитесь подписаться рассылка
поделиться комментарий комментировать войти зарегистрироваться подписывайтесь
çerez çerezler onay kabul gizlilik ayarlar abone bülten paylaş yorum giriş kaydol takip
ملفات الارتباط الموافقة قبول الخصوصية الإعدادات اشترك النشرة شارك تعليق الدخول سجل تابعنا
कुकी कुकीज़ सहमति स्वीकार गोपनीयता सेटिंग्स सब्सक्राइब न्यूज़लेटर शेयर टिप्पणी लॉगिन फॉलो
""".split()
PROMPT_UNSPACED = [
    "クッキー",
    "同意",
    "プライバシー",
    "購読",
    "登録",
    "シェア",
    "コメント",
    "ログイン",
    "フォロー",
    "隐私",
    "同意",
    "订阅",
    "分享",
    "评论",
    "登录",
    "关注",
    "注册",
    "微信",
    "微博",
]
# A single one of these in a line makes it a prompt candidate by itself.
STRONG_PROMPT_WORDS = {
    "cookie",
    "cookies",
    "çerez",
    "çerezler",
    "newsletter",
    "gdpr",
    "кукі",
    "кукис",
    "कुकी",
    "कुकीज़",
    "クッキー",
    "subscribe",
    "abonnieren",
    "iscriviti",
    "abonnez-vous",
    "suscríbete",
    "assine",
    "abonneer",
    "subskrybuj",
    "подпишитесь",
    "abone",
}

# Navigation and page furniture, as whole lines ("Home", "Menu") or line openers ("Read more:").
NAV_LINES = {
    phrase.strip()
    for phrase in """
home, homepage, menu, main menu, search, login, log in, logout, sign in, sign up, register, print,
email, back, back to top, top, skip to content, skip to main content, skip navigation, next, previous,
next article, previous article, more, related, related articles, related stories, read more,
see more, show more, load more, view more, advertisement, advertising, sponsored, sponsored content,
startseite, suche, anmelden, drucken, zurück, nach oben, weiter, weiterlesen, mehr, anzeige, werbung,
accueil, rechercher, recherche, imprimer, retour, suivant, précédent, lire la suite, publicité,
inicio, buscar, búsqueda, imprimir, volver, siguiente, anterior, leer más, publicidad,
início, pesquisar, voltar, próximo, leia mais, publicidade, pubblicità, cerca, stampa, avanti, indietro,
zoeken, inloggen, afdrukken, terug, volgende, vorige, lees meer, advertentie,
strona główna, szukaj, zaloguj, drukuj, wróć, następny, poprzedni, czytaj więcej, reklama,
главная, поиск, войти, печать, назад, далее, вперёд, читать далее, реклама,
ana sayfa, anasayfa, ara, giriş, yazdır, geri, sonraki, önceki, devamını oku, reklam,
الرئيسية, بحث, دخول, طباعة, رجوع, التالي, السابق, اقرأ المزيد, إعلان,
होम, खोज, लॉगिन, प्रिंट, वापस, अगला, पिछला, और पढ़ें, विज्ञापन
""".split(",")
}
# First words of calls to action on menus and buttons ("Start a free trial", "Shop Vacuums").
CTA_OPENERS = set(
    """
start get try join sign log shop buy order book learn explore discover find see view watch read
download contact request schedule apply donate subscribe register create browse visit check call
compare save claim unlock upgrade go return follow meet share print listen play chat enroll reserve
jetzt entdecken mehr erfahren kaufen bestellen anmelden registrieren abonnieren
découvrir acheter commander inscrivez réservez descubre compra reserva scopri acquista prenota
""".split()
)
# Words of site furniture (sections, policies, shop and account pages) in menus and footers.
FURNITURE_WORDS = set(
    """
about contact careers jobs blog help support faq faqs pricing plans login account cart basket checkout
wishlist shop store services solutions resources products features docs documentation forum forums
community events press partners team policy terms privacy sitemap newsletter tutorials guides
overview integrations customers reviews testimonials offers deals specials gifts membership donate
volunteer locations directions hours portal dashboard downloads webinars podcast podcasts videos gallery
categories category tags archives archive popular latest trending recent featured recommended
subscribe unsubscribe settings preferences accessibility cookies disclaimer copyright trademarks
affiliates affiliate sponsors advertise careers investors legal imprint impressum kontakt datenschutz
agb mentions légales contacto aviso contatti chi siamo контакты вакансии iletişim hakkımızda
""".split()
)
NAV_OPENERS = [
    "read more",
    "read also",
    "also read",
    "see also",
    "related",
    "more on this",
    "more:",
    "watch:",
    "lesen sie auch",
    "lesen sie mehr",
    "mehr zum thema",
    "auch interessant",
    "das könnte sie auch interessieren",
    "lire aussi",
    "à lire aussi",
    "voir aussi",
    "sur le même sujet",
    "leggi anche",
    "vedi anche",
    "lee también",
    "ver también",
    "te puede interesar",
    "leia também",
    "veja também",
    "lees ook",
    "zie ook",
    "czytaj też",
    "czytaj także",
    "zobacz też",
    "zobacz także",
    "читайте также",
    "смотрите также",
    "по теме",
    "ayrıca bakınız",
    "ayrıca okuyun",
    "ilgili haberler",
    "اقرأ أيضا",
    "اقرأ أيضاً",
    "اقرأ ايضا",
    "यह भी पढ़ें",
    "ये भी पढ़ें",
    "相关阅读",
    "相关新闻",
    "延伸阅读",
    "関連記事",
    "あわせて読みたい",
]
NAV_UNSPACED = ["首页", "首頁", "广告", "廣告", "広告", "ホーム", "検索", "搜索", "返回顶部"]

# Separators of breadcrumb trails: "Home > World > Europe", "Startseite › Politik".
CRUMB_SEPARATORS = "›»>/|·•→"
