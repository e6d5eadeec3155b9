"""English newsroom prose for the en edition."""

from khabar.demo.banks import EditionBank, SectionBank, Story
from khabar.text import Digits

POLITICS = SectionBank(
    slug="politics",
    name="Politics",
    overlines=("Parliament", "Weekly briefing", "Government", "Reaction", "Analysis"),
    stories=(
        Story(
            "{official} says {topic} will go before MPs next week",
            "The {official} said on Sunday that the {topic} will be debated in {institution} "
            "next week, once the technical reviews are complete, and could be approved before "
            "the end of the month.",
            (
                "Committees have received {count} proposed amendments, most of them about how "
                "the measures would be implemented and audited, the {official} added.",
                "Asked when the changes would take effect, he said implementation could begin "
                "at the start of next quarter if the review stays on schedule.",
            ),
        ),
        Story(
            "{city} MP {name} criticises slow progress on {topic}",
            "{name}, who represents {city} in parliament, told the chamber that the government "
            "had been too slow to carry out the {topic} and demanded a full explanation from "
            "the ministers responsible.",
            (
                "\u201cPeople in {city} want to see promises kept in their daily lives, not in "
                "administrative reports,\u201d {name} said.",
                "The lawmaker said {count} colleagues had already signed a motion to summon "
                "the minister for questioning.",
            ),
        ),
        Story(
            "Lawmakers split as {institution} debates the {topic}",
            "Members of {institution} debated the outline of the {topic} in an open session "
            "on Tuesday, deferring a vote to the next sitting after sharp disagreements.",
            (
                "Supporters argued that outdated laws had to be modernised, while opponents "
                "said the financial cost had not been properly estimated.",
            ),
        ),
    ),
    paragraphs=(
        "{name}, a political analyst, said public opinion was waiting to see results and "
        "that quarterly progress reports would help restore trust.",
        "Responding to recent criticism, the official said fair criticism improved decisions "
        "and that the door to dialogue remained open.",
        "A joint committee is expected to meet representatives of the ministries concerned "
        "within {few} weeks.",
        "The {topic} has been the subject of heated debate among experts and political "
        "groups for months.",
    ),
    keywords=("parliament", "government", "budget", "elections", "cabinet"),
    slots={
        "official": ("interior minister", "government spokesman", "deputy speaker"),
        "institution": ("parliament", "the cabinet", "the budget committee"),
        "topic": (
            "draft budget bill",
            "electoral reform bill",
            "anti-corruption package",
            "social security reform",
        ),
    },
)

ECONOMY = SectionBank(
    slug="economy",
    name="Economy",
    overlines=("Markets", "Business", "Economy", "Trade"),
    stories=(
        Story(
            "{sector} grows {pct}% in first {few} months of the year",
            "The {sector} grew by {pct} percent in the first {few} months of the year, "
            "according to the latest report by {institution}, raising its share of gross "
            "domestic product.",
            (
                "Most of the growth came from the provinces around {city} and {city2}, with "
                "small and medium-sized firms accounting for much of it, the report said.",
            ),
        ),
        Story(
            "Government unveils support package for the {sector}",
            "The {official} announced a support package for the {sector} that includes "
            "low-interest loans, waivers on tax penalties and simpler licensing rules.",
            (
                "Loans will be issued through state banks with a ceiling of {num} million "
                "dollars per company, the {official} said.",
                "He warned that firms found using the money for other purposes would be "
                "excluded from later rounds.",
            ),
        ),
        Story(
            "{commodity} prices steady ahead of {institution} decision",
            "{commodity} prices moved within a narrow range on Monday as traders waited for a "
            "decision by {institution} expected next week.",
            (
                "Dealers said trading volumes had fallen in recent days as many buyers "
                "preferred to wait until the outlook became clearer.",
            ),
        ),
        Story(
            "Exports from {city} rise {pct}% year on year",
            "Non-oil exports from {city} rose by {pct} percent compared with the same period "
            "last year, the local chamber of commerce said.",
            (
                "Exports were worth {num} million dollars over the period, led by farm "
                "produce, building materials and petrochemicals.",
            ),
        ),
    ),
    paragraphs=(
        "{name}, an economist, said investors would remain cautious until monetary policy "
        "and the exchange rate stabilised.",
        "Business owners in the {sector} say a shortage of credit, rising input costs and "
        "frequent power cuts remain their biggest obstacles.",
        "Annual inflation stood at {pct} percent last month, slightly lower than the month "
        "before, according to official figures.",
        "Analysts say finishing rail and port projects could cut export costs significantly.",
    ),
    keywords=("inflation", "central bank", "exports", "oil", "investment", "currency"),
    slots={
        "official": ("finance minister", "trade minister", "central bank governor"),
        "institution": ("the central bank", "the statistics centre", "the chamber of commerce"),
        "sector": ("steel industry", "tourism sector", "farm sector", "textile industry"),
        "commodity": ("Gold", "Wheat", "Cement", "Steel"),
    },
)

SOCIETY = SectionBank(
    slug="society",
    name="Society",
    overlines=("Health", "Cities", "Weather warning", "On the ground"),
    stories=(
        Story(
            "{institution} warns of worsening {issue} in {city}",
            "{institution} warned on Wednesday that {issue} in {city} was getting worse and "
            "urged residents to avoid unnecessary travel until further notice.",
            (
                "The conditions are expected to last at least {few} more days, and emergency "
                "services have been put on alert, the statement said.",
            ),
        ),
        Story(
            "{count} rescue teams sent to flood-hit villages near {city}",
            "The {official} said {count} rescue teams had been sent to villages hit by flash "
            "floods near {city} and that more than {num} families had received emergency aid.",
            (
                "Tents, blankets, drinking water and food parcels have been handed out, and "
                "assessment teams are surveying the damage, he said.",
                "Roads to {few} villages remain cut off, and helicopters are flying in "
                "essential supplies.",
            ),
        ),
        Story(
            "{city} launches plan to tackle {issue}",
            "The municipality of {city} will begin a pilot scheme next week to tackle {issue} "
            "in {few} districts of the city.",
            (
                "A deputy mayor said the results would be reviewed after three months and the "
                "scheme extended citywide if it succeeds.",
            ),
        ),
    ),
    paragraphs=(
        "{name}, the {official}, said public cooperation was decisive and that all agencies "
        "working together could improve the situation.",
        "Residents of the city's southern districts told our reporter about poor services "
        "and slow responses to their complaints.",
        "Official figures show the number rose by {pct} percent compared with the same "
        "period last year.",
        "Health experts advise the elderly, children and people with heart or lung "
        "conditions to stay indoors on polluted days.",
    ),
    keywords=("air pollution", "Red Crescent", "floods", "health", "education"),
    slots={
        "official": (
            "head of the Red Crescent",
            "provincial crisis manager",
            "deputy health minister",
        ),
        "institution": ("The weather service", "The Red Crescent", "The crisis management office"),
        "issue": ("air pollution", "water shortages", "traffic congestion", "dust storms"),
    },
)

INTERNATIONAL = SectionBank(
    slug="international",
    name="World",
    overlines=("Diplomacy", "Middle East", "Foreign policy", "Region"),
    stories=(
        Story(
            "Foreign ministers of {country} and {country2} discuss {topic}",
            "The foreign ministers of {country} and {country2} discussed {topic} and the "
            "latest regional developments in a telephone call on Saturday.",
            (
                "Both sides stressed the need to follow up on earlier agreements and to set "
                "up a joint economic commission soon.",
            ),
        ),
        Story(
            "Senior delegation from {country} arrives for talks on {topic}",
            "A senior delegation from {country} arrived in {city} on Monday for talks on "
            "{topic} with government officials.",
            (
                "The two sides are also expected to discuss easing visa rules, launching direct "
                "flights and customs cooperation.",
                "Trade between the two countries was worth about {num} million dollars last year.",
            ),
        ),
        Story(
            "{official} calls for political solution in {country}",
            "The {official} called for a comprehensive political solution to the crisis in "
            "{country}, saying every path that helps stability and security in the region "
            "deserves support.",
            (
                "Foreign military intervention only deepens insecurity and displaces "
                "civilians, he said.",
            ),
        ),
    ),
    paragraphs=(
        "Analysts say the convergence of positions in recent months could shift the balance "
        "in the region.",
        "The joint commission is due to hold its next meeting within {few} weeks.",
        "{name}, a regional analyst, told Khabar the continued talks showed both sides wanted "
        "to manage their differences through diplomacy.",
    ),
    keywords=("diplomacy", "Middle East", "United Nations", "regional security"),
    slots={
        "official": ("foreign ministry spokesman", "deputy foreign minister"),
        "topic": ("bilateral trade", "border security", "energy cooperation", "refugee returns"),
    },
)

SPORT = SectionBank(
    slug="sport",
    name="Sport",
    overlines=("Football", "{competition}", "Full time", "Championships"),
    stories=(
        Story(
            "{team} beat {team2} {score}-{score2} in week {week} of the {competition}",
            "{team} beat {team2} {score}-{score2} in week {week} of the {competition} to "
            "climb the league table.",
            (
                "\u201cThe players came out to win from the first minute and this victory is "
                "for the fans,\u201d the {team} coach said after the match.",
                "{team2} supporters protested several refereeing decisions after the final "
                "whistle.",
            ),
        ),
        Story(
            "{team} and {team2} share goalless draw",
            "{team} and {team2} drew 0-0 in week {week} of the {competition}, a result that "
            "left neither side satisfied.",
            (
                "Both teams created chances in the second half, but the goalkeepers kept the "
                "score level.",
            ),
        ),
        Story(
            "{athlete} wins Asian {sport} gold",
            "{athlete} won gold in the {sport} competition at the Asian Championships after "
            "beating his opponent in the final.",
            (
                "{athlete} dedicated the medal to the people of {city} and everyone who stood "
                "by him through difficult years.",
            ),
        ),
    ),
    paragraphs=(
        "About {count} thousand spectators watched the match.",
        "{team} travel to {city} next week for a difficult away game, and the coaching staff "
        "hope injured players will be back by then.",
        "The result tightens the race for the Asian qualification places in the second half "
        "of the season.",
        "The federation said the national team's training camp would begin next week.",
    ),
    keywords=("football", "Pro League", "national team", "AFC Champions League"),
    slots={
        "team": ("Persepolis", "Esteghlal", "Sepahan", "Tractor", "Foolad", "Zob Ahan"),
        "competition": ("Persian Gulf Pro League", "Hazfi Cup"),
        "sport": ("freestyle wrestling", "taekwondo", "weightlifting", "judo"),
        "athlete": ("Amirali Rostami", "Kian Yazdani", "Parham Bahrami"),
    },
)

CULTURE = SectionBank(
    slug="culture",
    name="Culture",
    overlines=("Arts", "Cinema", "Books", "Heritage", "In pictures"),
    stories=(
        Story(
            "{festival} opens in {city} with {count} entries",
            "The {festival} opened in {city} on Thursday, with {count} works competing across "
            "its sections.",
            (
                "The festival director said more than {num} works had been submitted this "
                "year, a sign of growing interest among young artists.",
            ),
        ),
        Story(
            "Restoration of {city}'s {monument} to finish by year end",
            "Restoration of the {monument} in {city} is {pct} percent complete and will "
            "finish before the end of the year, the provincial heritage office said.",
            (
                "Restorers are using traditional materials and techniques to preserve the "
                "building's character, the office said.",
            ),
        ),
    ),
    paragraphs=(
        "{name}, a critic, told Khabar the event was a chance for audiences to discover new "
        "talent.",
        "Entry is free, and events start at 4 pm every day.",
        "Workshops for young artists are being held alongside the programme.",
    ),
    keywords=("cinema", "books", "heritage", "music", "theatre"),
    slots={
        "festival": (
            "Short Film Festival",
            "Children's Theatre Festival",
            "Regional Music Festival",
        ),
        "monument": ("old bazaar", "Safavid caravanserai", "Friday Mosque", "Qajar bathhouse"),
    },
)

BANK = EditionBank(
    code="en",
    newsroom_email="news-en@khabar.example",
    digits=Digits.LATIN,
    sections=(POLITICS, ECONOMY, SOCIETY, INTERNATIONAL, SPORT, CULTURE),
    sources=("Reuters", "AFP", "AP", "IRNA", "Xinhua", "Khabar staff"),
    bylines=("Sara Mohammadi", "Omid Rostami", "Laila Mansour", "David Hart", "Staff reporter"),
    closings=(
        "More details are expected in the coming days.",
        "There was no further official comment.",
        "Khabar will update this story as it develops.",
    ),
    slots={
        "city": ("Tehran", "Mashhad", "Isfahan", "Tabriz", "Shiraz", "Baghdad", "Beirut", "Doha"),
        "country": ("Iran", "Iraq", "Syria", "Turkey", "Lebanon", "Qatar", "Oman", "Pakistan"),
        "name": ("Reza Ghasemi", "Maryam Hosseini", "Khalid al-Omari", "Rana Haddad"),
    },
    keyword_slots=("city", "country", "name", "team", "athlete", "festival"),
)
