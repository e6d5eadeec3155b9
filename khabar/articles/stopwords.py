"""Words that are never a keyword alone, titles that come before a name, and given names
that open one: for khabar.articles.suggestions. All held as matching keys (`normalize`d),
so a list may be written in either spelling of a letter."""

from __future__ import annotations

from khabar.text.normalize import normalize


def _keys(words: str) -> frozenset[str]:
    return frozenset(normalize(word) for word in words.split())


_ARABIC = """
في من إلى الى على عن مع هذا هذه ذلك تلك هؤلاء التي الذي الذين اللذين اللتين ما ماذا لا لم لن
إن ان أن إنه انه أنه أنها انها كان كانت يكون تكون كانوا قد لقد وقد ثم أو او أم بل لكن لكنه
حتى إذا اذا إذ كما كل بعض غير بين بعد قبل عند عندما حيث منذ خلال ضد دون نحو لدى لدي وفق
وفقا هو هي هم هن هما نحن أنا انا انت أنت له لها لهم به بها بهم فيه فيها فيهم منه منها منهم
عليه عليها عليهم إليه اليه إليها اليها كذلك أيضا ايضا جدا فقط اليوم أمس امس غدا الآن الان
وقال قال قالت يقول تقول وأكد أكد اكد أكدت وأشار أشار اشار وأضاف أضاف اضاف وأوضح أوضح
وتابع تابع ولفت لفت ودعا دعا ورأى رأى وشدد شدد وكان وخلال ولدى وهو وهي وفي ومن وعلى
الذى هناك هنا أي اي أحد احد إحدى احدى مرة اخرى أخرى آخر اخر الأول الاول الثاني عام العام
يوم الأحد الاحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت صباح مساء أكثر اكثر أقل
مدى مثل سائر جميع عدة عدد إطار اطار شأن الشأن تم يتم وتم حول لدى عبر إزاء ازاء
رئيس وزير أمين امين الامين النائب المتحدث القائد مؤكدا مضيفا قائلا مصرحا مشيرا داعيا الا إلا
ضمن يمكن ينبغي يجب أمام امام وراء خلف فوق
تحت أيضاً بشكل جديد جديدة مدينة كبير كبيرة أكبر مرحلة المرحلة الماضي الماضية المقبل المقبلة
الجاري الجارية الحالي
قرار هدف سكان جولة أسعار اسعار ارتفاع انخفاض زيارة اجتماع اجتماعا مباراة بيان مصادر
مسؤول مسؤولين عدد مليون مليار ألف الف دولار نقطة نقاط أهداف اهداف جنوب شمال شرق غرب
"""

_PERSIAN = """
و در به از که این آن با برای را تا یا اما اگر هم نیز چه چون پس بر روی درباره طی توسط
است بود شد شده شود کرد کرده کند کنند کردند می نمی هست نیست بودند شدند باشد خواهد دارد
داشت دارند گفت گفته گوید کرده‌اند کرده‌است اند ای ها های هایی را رو همه هر هیچ چند
او وی آنها ایشان ما شما من تو خود خویش دیگر دیگری همین همان چنین چنان اینکه آنکه
امروز دیروز فردا اکنون حالا سال ماه هفته روز شب صبح عصر امسال پارسال بیش کم بیشتر کمتر
یک دو سه چهار پنج اول دوم سوم پیش پس بعد قبل بین میان زیر بالا کنار نزد سوی سمت
تاکید اشاره افزود گفت کرد داد دهد دهند کرد افزود تصریح بیان عنوان ضمن همچنین چنانکه
ولی بلکه زیرا چرا کجا کی آیا باید نباید شاید توان تواند توانند می‌شود می‌کند می‌گوید
رئیس وزیر سخنگوی نماینده سفیر فرمانده استاد شنبه یکشنبه دوشنبه سه‌شنبه چهارشنبه پنجشنبه جمعه
جاری گذشته آینده
سفر شکست پیروزی افزایش کاهش تعطیل دیدار افتتاح آغاز پایان هزار میلیون میلیارد تومان
ریال درصد نفر قیمت شش هفت هشت نه ده صد روستا مدارس بازی گل دقیقه مراسم حضور اعلام
گزارش خبر شمال جنوب شرق غرب
"""

_ENGLISH = """
a an the and or but if of in on at to for from by with about as into over after before
between under this that these those it its he she they we you i his her their our your
is are was were be been being has have had do does did will would can could should may
might must not no yes than then there here when where which who whom whose what why how
all any some each every more most other such only also just very said says say told
according monday tuesday wednesday thursday friday saturday sunday today yesterday
tomorrow january february march april may june july august september october november
december mr mrs ms dr new last first one two three week year month while since during
but however meanwhile earlier later on-line in-depth it's
"""

STOP_WORDS: dict[str, frozenset[str]] = {
    "ar": _keys(_ARABIC),
    "fa": _keys(_PERSIAN),
    "en": _keys(_ENGLISH),
}

# Before a person's name, never part of a keyword: `اللواء علي مملوك` is `علي مملوك`.
TITLES = _keys(
    """
    اللواء العميد العقيد الرئيس السيد السيدة الشيخ الدكتور الملك الأمير الامير سماحة
    فخامة الجنرال العماد
    آقای خانم دکتر سردار سرتیپ سرلشکر حجت‌الاسلام آیت‌الله رئیس‌جمهور مهندس
    president minister mr mrs ms dr prime secretary general chancellor senator governor
    mayor judge sheikh king queen prince ambassador spokesman spokeswoman chief
    """
)

# A name opening with one of these is a person's (`علي شمخاني`, `محمدجواد ظریف`). Apart by
# language: `أكبر` (greatest) and `أمير` (emir) are Arabic words before they are Persian names.
GIVEN_NAMES: dict[str, frozenset[str]] = {
    "ar": _keys(
        """
        علي محمد أحمد احمد حسن حسين محمود مصطفى عبد عبدالله عبدالرحمن عبدالعزيز عمر خالد
        سعيد سعد يوسف إبراهيم ابراهيم إسماعيل اسماعيل جواد عباس رضا مهدي هادي بشار نبيه
        وليد سمير جمال كمال فؤاد ميشال نجيب حمد سلمان فيصل طارق ماجد قاسم جعفر صادق كاظم
        ناصر فاطمة مريم زينب سليمان داود موسى عيسى رفيق سعدالدين نوري حيدر مقتدى أيمن
        """
    ),
    "fa": _keys(
        """
        علی محمد احمد حسن حسین محمود مصطفی عباس جواد رضا مهدی هادی سعید مجید حمید امیر
        محمدجواد فاطمه زهرا مریم غلامحسین غلامرضا محمدباقر محمدرضا ابوالفضل سید روح‌الله
        اکبر اصغر مسعود علیرضا محسن مرتضی حمیدرضا محمدعلی ابراهیم اسماعیل ناصر
        """
    ),
    "en": frozenset(),
}

# Inside a phrase, never at either end: `Bank of England`, `سیستان و بلوچستان`.
PHRASE_LINKS: dict[str, frozenset[str]] = {
    "ar": frozenset(),
    "fa": _keys("و"),
    "en": _keys("of the for and de al bin von van"),
}

# A post: what follows is the post's, not a name (`وزير الخارجية السعودي`).
POSTS = _keys(
    """
    وزير رئيس أمين امين نائب سفير مدير المتحدث قائد محافظ
    وزیر رئیس سخنگوی نماینده سفیر فرمانده دبیرکل استاندار
    """
)

# A phrase opening with one of these is an organisation (`وزارة الخارجية`, `سازمان ملل`).
ORGANISATIONS = _keys(
    """
    وزارة الوزارة حزب مجلس المجلس جامعة الجامعة بنك البنك شركة الشركة وكالة الوكالة معهد
    المعهد منظمة المنظمة هيئة الهيئة اتحاد الاتحاد حركة جبهة الأمم الامم جمعية الجمعية
    وزارت سازمان حزب مجلس بانک شرکت مرکز دانشگاه خبرگزاری هلال ستاد شورای اتحادیه جبهه
    بنیاد شهرداری مجمع کمیته
    ministry bank party council agency organisation organization union university
    institute commission authority
    """
)

# Before a place: `في دمشق`, `مدينة حلب`, `در تهران`, `شهر مشهد`.
PLACE_MARKERS = _keys(
    """
    في إلى الى من مدينة العاصمة بلدة محافظة منطقة ولاية دولة
    در به از شهر استان کشور پایتخت منطقه
    """
)
