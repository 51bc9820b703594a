//! What the words of a heading say about its role: a day or a session
//! (a group), a part of a talk (Takeaways, Q&A), material around the talks
//! (Intro, Venue, Conclusion), a talk (Keynote, Panel), or an event. Word
//! lists cover the languages notes arrive in; they name kinds of heading,
//! never a file, a conference or a title.

use std::cell::RefCell;
use std::collections::HashMap;

/// What a heading's words say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A day, date, weekday, half-day or numbered track/session.
    Group,
    /// A part of a talk: takeaways, notes, questions, slides, links.
    Section,
    /// Material around the talks: intro, venue, swag, closing thoughts.
    Extra,
    /// Nothing either way.
    Plain,
}

/// Answers of one of this module's functions of a heading's text, kept
/// across calls: the talk finder asks them of every heading several times
/// over, a save parses the same headings again, and notes repeat section
/// names under every talk. The functions are pure in the text, so the
/// answers are the same either way. Kept per thread, without a lock: the
/// first pass parses on two threads, and they waited on one another.
struct Memo<T: 'static>(&'static std::thread::LocalKey<Known<T>>);

type Known<T> = RefCell<Option<HashMap<Box<str>, T, Quick>>>;

/// The memos' hash: XXH3 of the text. Their keys are short texts of the
/// user's own notes, nothing to resist flooding by, and the default
/// SipHash was a third of each look-up.
type Quick = std::hash::BuildHasherDefault<Xxh3>;

#[derive(Default)]
struct Xxh3(u64);

impl std::hash::Hasher for Xxh3 {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = xxhash_rust::xxh3::xxh3_64_with_seed(bytes, self.0);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

thread_local! {
    static CLASSES_KNOWN: Known<Class> = const { RefCell::new(None) };
    static EVENTS_KNOWN: Known<bool> = const { RefCell::new(None) };
    static MENTIONS_KNOWN: Known<bool> = const { RefCell::new(None) };
    static NAMED_KNOWN: Known<bool> = const { RefCell::new(None) };
}

static CLASSES: Memo<Class> = Memo(&CLASSES_KNOWN);
static EVENTS: Memo<bool> = Memo(&EVENTS_KNOWN);
static MENTIONS: Memo<bool> = Memo(&MENTIONS_KNOWN);
static NAMED: Memo<bool> = Memo(&NAMED_KNOWN);

impl<T: Copy> Memo<T> {
    /// Texts kept at most (then it starts again), and the longest kept:
    /// headings are short.
    const CAP: usize = 50_000;
    const LONGEST: usize = 256;

    fn get(&self, text: &str, f: fn(&str) -> T) -> T {
        if text.len() > Self::LONGEST {
            return f(text);
        }
        // (Not borrowed while `f` runs: it may ask another of them.)
        let known = self
            .0
            .try_with(|m| m.borrow().as_ref().and_then(|m| m.get(text).copied()))
            .ok()
            .flatten();
        if let Some(v) = known {
            return v;
        }
        let v = f(text);
        let _ = self.0.try_with(|m| {
            let mut m = m.borrow_mut();
            let m = m.get_or_insert_with(HashMap::default);
            if m.len() >= Self::CAP {
                m.clear();
            }
            m.insert(text.into(), v);
        });
        v
    }
}

fn norm(title: &str) -> String {
    // `🍕 Lunch` is lunch: an emoji in front says nothing of the kind.
    let t = title.trim().trim_matches(|c: char| {
        c == '*'
            || c == '_'
            || c == '`'
            || c == ':'
            || c == '：'
            || c == '¡'
            || c == '¿'
            || c.is_whitespace()
            || pictograph(c)
    });
    t.to_lowercase()
}

/// An emoji or pictographic symbol (with its joiners and variation
/// selectors): decoration around a title, never a word of it.
pub fn pictograph(c: char) -> bool {
    matches!(c,
        '\u{231A}'..='\u{231B}'
        | '\u{23E9}'..='\u{23FA}'
        | '\u{25AA}'..='\u{25FE}'
        | '\u{2600}'..='\u{27BF}'
        | '\u{2B05}'..='\u{2B55}'
        | '\u{1F000}'..='\u{1FAFF}'
        | '\u{200D}'
        | '\u{20E3}'
        | '\u{FE0E}'..='\u{FE0F}'
        | '\u{E0020}'..='\u{E007F}')
}

/// `t.contains(w)` for a heading's few bytes. A search for a string is
/// set up first, which costs more than this scan of a short heading, and
/// the word lists are asked of every heading many times over. (A long
/// text is searched as before.)
fn holds(t: &str, w: &str) -> bool {
    if t.len() > 64 {
        return t.contains(w);
    }
    let (t, w) = (t.as_bytes(), w.as_bytes());
    let Some((&first, rest)) = w.split_first() else {
        return true;
    };
    t.len() >= w.len()
        && (0..=t.len() - w.len()).any(|i| t[i] == first && &t[i + 1..i + w.len()] == rest)
}

/// Latin-script words, whole: split at anything not a letter or digit.
fn words(t: &str) -> Vec<&str> {
    t.split(|c: char| !c.is_alphanumeric() && c != '&' && c != '\'')
        .filter(|w| !w.is_empty())
        .collect()
}

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "sabato",
    "segunda-feira",
    "terça-feira",
    "quarta-feira",
    "quinta-feira",
    "sexta-feira",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "poniedziałek",
    "wtorek",
    "środa",
    "czwartek",
    "piątek",
    "sobota",
    "niedziela",
    "понедельник",
    "вторник",
    "среда",
    "четверг",
    "пятница",
    "суббота",
    "воскресенье",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "januar",
    "februar",
    "märz",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "gennaio",
    "febbraio",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "settembre",
    "ottobre",
    "dicembre",
    "janeiro",
    "fevereiro",
    "março",
    "maio",
    "junho",
    "julho",
    "setembro",
    "outubro",
    "dezembro",
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

const DAY_WORDS: &[&str] = &[
    "day", "jour", "tag", "día", "dia", "giorno", "dag", "journée", "день", "dzień", "dzien", "날",
    "dagen", "jornada",
];
const ORDINALS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "un",
    "deux",
    "trois",
    "premier",
    "première",
    "deuxième",
    "troisième",
    "erster",
    "zweiter",
    "dritter",
    "primer",
    "segundo",
    "tercer",
    "primo",
    "secondo",
    "terzo",
    "primeiro",
    "первый",
    "второй",
    "третий",
    "첫째",
    "둘째",
    "셋째",
    "i",
    "ii",
    "iii",
    "iv",
    "v",
];
const HALF_DAYS: &[&str] = &[
    "morning",
    "afternoon",
    "evening",
    "matin",
    "après-midi",
    "soir",
    "上午",
    "下午",
    "午前",
    "午後",
    "오전",
    "오후",
];
const TRACKS: &[&str] = &["track", "session", "room", "stage", "hall"];

/// Names a track, room or session (`Architecture track`, `Main hall`):
/// a place talks are held, not one talk.
pub fn names_track(title: &str) -> bool {
    words(&norm(title)).iter().any(|w| TRACKS.contains(w))
}

fn is_number(w: &str) -> bool {
    let w = w.trim_end_matches(|c: char| c.is_alphabetic());
    !w.is_empty() && w.chars().all(|c| c.is_ascii_digit())
}

/// Longest title a title line may have (characters).
const MAX_TITLE: usize = 120;

/// A line that reads as a title: not a sentence, a link or a list item.
pub fn title_like(t: &str) -> bool {
    title_like_up_to(t, MAX_TITLE)
}

/// [`title_like`] with room for `max` characters.
pub fn title_like_up_to(t: &str, max: usize) -> bool {
    let t = t.trim();
    // `Title – Ryan C.`: an initial's dot does not end a sentence.
    let initial = t.rsplit(' ').next().is_some_and(|w| {
        let mut c = w.chars();
        matches!((c.next(), c.next(), c.next()), (Some(a), Some('.'), None) if a.is_uppercase())
    });
    !t.is_empty()
        && t.chars().count() <= max
        && (!t.ends_with('.') || initial)
        && !t.ends_with([',', ';', ':'])
        && !t.starts_with(['!', '[', '<', '-', '*', '|'])
        && !t.contains("://")
}

/// A month's or a weekday's name alone (`April`, `Montag`): never a
/// person's name.
pub fn calendar_word(w: &str) -> bool {
    let w = w.trim().to_lowercase();
    MONTHS.contains(&w.as_str()) || WEEKDAYS.contains(&w.as_str())
}

/// A day, a date, a half-day or a numbered track: a group heading.
fn is_group(t: &str) -> bool {
    let ws = words(t);
    // (`Segunda-feira, 02 de abril de 2018, 17h`: a date's numbers and
    // particles make it long, not its words.)
    let content = ws
        .iter()
        .filter(|w| w.chars().count() > 2 && !w.chars().any(|c| c.is_ascii_digit()))
        .count();
    if ws.is_empty() || (ws.len() > 7 && content > 4) {
        return false;
    }
    let day = ws.iter().enumerate().any(|(i, w)| {
        DAY_WORDS.contains(w)
            && (ws
                .get(i + 1)
                .is_some_and(|n| is_number(n) || ORDINALS.contains(n))
                || i.checked_sub(1)
                    .and_then(|p| ws.get(p))
                    .is_some_and(|n| is_number(n) || ORDINALS.contains(n)))
    });
    let weekday = ws.iter().any(|w| WEEKDAYS.contains(w))
        || (t.contains('-') && WEEKDAYS.iter().any(|d| d.contains('-') && holds(t, d)));
    let date = ws.iter().any(|w| MONTHS.contains(w)) && ws.iter().any(|w| is_number(w));
    let iso = t
        .split(|c: char| !c.is_ascii_digit() && c != '-' && c != '/' && c != '.')
        .any(|d| {
            let parts: Vec<&str> = d.split(['-', '/', '.']).collect();
            parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.len() <= 4)
        });
    let cjk_day = holds(t, "日目")
        // "On the day" (Japanese, Chinese, Korean).
        || matches!(t.trim(), "当日" | "当天" | "당일")
        || holds(t, "일차")
        || (t.contains('第') && (t.contains('天') || holds(t, "日")))
        || t.ends_with("曜日")
        || t.ends_with("요일")
        || ws.len() <= 2 && (holds(t, "月") && holds(t, "日"));
    let half = ws.len() <= 4 && HALF_DAYS.iter().any(|h| holds(t, h));
    let track = ws.len() <= 3
        && ws.first().is_some_and(|w| TRACKS.contains(w))
        && ws
            .get(1)
            .is_some_and(|n| is_number(n) || ORDINALS.contains(n) || n.chars().count() == 1);
    // `Conference Day`, `PyCon JP 2019 Sprints Day`: a day named by what
    // happens on it.
    // (`カンファレンスDAY`: the day word joined on.)
    let kind_day = ws.len() <= 6
        && ws.last().is_some_and(|last| {
            let kind = last
                .strip_suffix("days")
                .or_else(|| last.strip_suffix("day"));
            match kind {
                Some("") => ws.len() >= 2 && DAY_KINDS.contains(&ws[ws.len() - 2]),
                Some(k) => DAY_KINDS.contains(&k),
                None => false,
            }
        });
    day || weekday || date || (iso && ws.len() <= 4) || cjk_day || half || track || kind_day
}

/// What a day of an event is for, before `Day`.
const DAY_KINDS: &[&str] = &[
    "conference",
    "sprint",
    "sprints",
    "tutorial",
    "tutorials",
    "workshop",
    "workshops",
    "training",
    "hackathon",
    "unconference",
    "community",
    "expo",
    "main",
    "カンファレンス",
    "アンカンファレンス",
    "ワークショップ",
    "スプリント",
    "チュートリアル",
    "ハッカソン",
];

/// Parts of one talk.
const SECTIONS: &[&str] = &[
    "takeaways",
    "takeaway",
    "key takeaways",
    "takes",
    "notes",
    "my notes",
    "meeting notes",
    "draft notes",
    "raw notes",
    "questions",
    "question",
    "q&a",
    "q & a",
    "qa",
    "q and a",
    "questions and answers",
    "links",
    "slides",
    "slide",
    "resources",
    "references",
    "source",
    "sources",
    "summary",
    "problem",
    "the problem",
    "motivation",
    "approach",
    "our approach",
    "the approach",
    "solution",
    "the solution",
    "results",
    "findings",
    "demo",
    "next steps",
    "future work",
    "what's next",
    "recap",
    "lessons",
    "lessons learned",
    "learnings",
    "key learnings",
    "insights",
    "key insights",
    "key points",
    "abstract",
    "description",
    "video",
    "videos",
    "recording",
    "transcript",
    "further reading",
    "materials",
    "tl;dr",
    "tldr",
    "speaker",
    "speakers",
    "bio",
    "résumé",
    "liens",
    "ressources",
    "diapositives",
    "folien",
    "diapositivas",
    "vídeo",
    "слайды",
    "видео",
    "запись",
    "запись доклада",
    "questions/réponses",
    "発表資料",
    "資料",
    "スライド",
    "動画",
    "質疑応答",
    "質問",
    "발표자료",
    "발표 자료",
    "슬라이드",
    "질문",
    "질문답변",
    "질의응답",
    "요약",
    "问答",
    "资料",
    "幻灯片",
    "笔记",
];

/// Words for the time a part of a talk took: `Q&A session`, `質疑応答の時間`.
const SECTION_TIMES: &[&str] = &[
    " session",
    " time",
    "시간",
    "の時間",
    "時間",
    "タイム",
    "环节",
];

/// Material around the talks, matched as the whole title.
const EXTRAS: &[&str] = &[
    "クロージング",
    "클로징",
    "闭幕",
    "intro",
    "introduction",
    "overview",
    "about",
    "preface",
    "foreword",
    "warning",
    "disclaimer",
    "background",
    "context",
    "venue",
    "location",
    "getting there",
    "directions",
    "travel",
    "registration",
    "swag",
    "party",
    "social",
    "dinner",
    "lunch",
    "breakfast",
    "food",
    "booths",
    "expo",
    "sponsors",
    "misc",
    "miscellaneous",
    "other",
    "others",
    "random",
    "general",
    "conclusion",
    "conclusions",
    "closing",
    "clôture",
    "cloture",
    "encerramento",
    "clausura",
    "chiusura",
    "closing thoughts",
    "closing thought",
    "final thoughts",
    "thoughts",
    "wrap-up",
    "wrap up",
    "epilogue",
    "afterword",
    "feedback",
    "impressions",
    "overall",
    "thanks",
    "acknowledgements",
    "todo",
    "schedule",
    "agenda",
    "table of contents",
    "contents",
    "toc",
    "index",
    "sommaire",
    "inhaltsverzeichnis",
    "índice",
    "indice",
    "sumário",
    "spis treści",
    "содержание",
    "оглавление",
    "目次",
    "목차",
    "目录",
    "reception",
    "break",
    "coffee break",
    "tea break",
    "pause",
    "pause café",
    "kaffeepause",
    "networking",
    "discussions",
    "conversations",
    "hallway conversations",
    "people i met",
    "handles",
    "hashtags",
    "休憩",
    "休息",
    "휴식",
    "쉬는 시간",
    "bilan",
    "remerciements",
    "einleitung",
    "fazit",
    "zusammenfassung",
    "introducción",
    "conclusión",
    "conclusões",
    "podsumowanie",
    "wnioski",
    "tổng kết",
    "kết luận",
    "午餐",
    "晚餐",
    "茶歇",
    "昼食",
    "déjeuner",
    "dîner",
    "mittagessen",
    "almoço",
    "almuerzo",
    "pranzo",
    "ランチ",
    "懇親会",
    "前夜祭",
    "全体通して",
    "全体を通して",
    "全体的に",
    "総括",
    "총평",
    "总体",
    "점심",
    "뒤풀이",
    "はじめに",
    "おわりに",
    "さいごに",
    "最後に",
    "終わりに",
    "まとめ",
    "その他",
    "기타",
    "其他",
    "其它",
    "conclusão",
    "conclusao",
    "conclusione",
    "conclusie",
    "considerações finais",
    "consideraciones finales",
    "encerramento",
    "소개",
    "인트로",
    "마치며",
    "前言",
    "简介",
    "介绍",
    "总结",
    "结语",
    "后记",
];

/// Extras that may lead a longer title (`Conclusion du premier jour`,
/// `Misc notes`, `Hallway track …`, `Next year's …`).
const EXTRA_LEADS: &[&str] = &[
    "things to",
    "conclusion",
    "in conclusion",
    "misc",
    "miscellaneous",
    "hallway",
    "next year",
    "next years",
    "next year's",
    "final thoughts",
    "closing thoughts",
    "closing remarks",
    "about the",
    "getting to",
    "getting there",
    "venue:",
    "swag",
    // (Closing lines: `¡Hasta el año que viene!`, `See you next year`.)
    "see you next",
    "hasta el año que viene",
    "hasta la próxima",
    "à l'année prochaine",
    "à l'an prochain",
    "bis nächstes jahr",
    "até a próxima",
    "até o próximo ano",
    "até o ano que vem",
    "alla prossima",
];

/// Extras that may end a longer title (`Official … Party`, `… とは`,
/// `Deview 란?`: what the event is).
const EXTRA_TAILS: &[&str] = &[
    " party",
    " reception",
    " gathering",
    " break",
    "after party",
    "afterparty",
    "after-party",
    " dinner",
    " booths",
    " swag",
    "とは",
    "とは?",
    "とは？",
    "란?",
    "란？",
    "を終えて",
    "の感想",
    "感想",
    "후기",
    "总结",
    // `ライトニングトーク一覧`: a list of talks, not one.
    "一覧",
];

/// CJK extras found anywhere in a short title (`찾아가는길`, `이벤트존`).
/// (Venue, meals, a café, swag: `会場について`, `食事`, `戦利品`.)
const EXTRA_PARTS: &[&str] = &[
    "찾아가는",
    "이벤트",
    "부스",
    "オープニング前",
    "初参加",
    "会場",
    "会场",
    "食事",
    "餐饮",
    "식사",
    "カフェ",
    "戦利品",
    "ノベルティ",
    "굿즈",
];

/// Words that together name material around the talks.
const AROUND_WORDS: &[&str] = &[
    "more",
    "other",
    "notes",
    "links",
    "resources",
    "further",
    "reading",
    "references",
    "misc",
    "and",
    "&",
    "useful",
    "some",
    "random",
    "extra",
    "extras",
];

/// Talks by kind: a heading holding one of these is a talk.
const TALK_WORDS: &[&str] = &[
    "keynote",
    "keynotes",
    "panel",
    "fireside",
    "workshop",
    "lightning",
    "codelab",
    "tutorial",
    "talk",
    "キーノート",
    "基調講演",
    "ライトニングトーク",
    "키노트",
    "기조연설",
    "主题演讲",
    "主旨演讲",
];

/// A kind of talk labelling the title before a dash or a colon
/// (`Keynote - Title`, `Talk court - Title`, `Lightning talk: Title`): the
/// label and the title. (The label stays in the title, as typed.)
pub fn kind_label(t: &str) -> Option<(&str, &str)> {
    let (label, title) = [" - ", " – ", " — ", ": "]
        .iter()
        .filter_map(|sep| t.split_once(sep))
        .min_by_key(|(label, _)| label.len())?;
    let label = label.trim();
    let title = title.trim();
    // (A few words, one of them a kind of talk: not a title of its own,
    // `Building a panel - Name`.)
    let n = label.split_whitespace().count();
    ((1..=3).contains(&n)
        && names_talk_kind(label)
        && label.chars().count() <= 24
        && title_like(title)
        && title.split_whitespace().count() >= 2)
        .then_some((label, title))
}

/// What a heading's words make it.
pub fn classify(title: &str) -> Class {
    CLASSES.get(title, classify_words)
}

fn classify_words(title: &str) -> Class {
    let t = norm(title);
    if t.is_empty() {
        return Class::Plain;
    }
    // `Kết luận (Key Takeaways)`: a heading with its English translation
    // beside it is what the translation says it is. (Not `Title (Slides)`,
    // a link's label, in the same script.)
    if let Some(inner) = title
        .trim()
        .strip_suffix([')', '）'])
        .and_then(|r| r.rsplit_once(['(', '（']))
        .map(|(head, inner)| (head.trim(), inner.trim()))
        .filter(|(head, inner)| {
            !head.is_empty()
                && !inner.is_empty()
                && inner.is_ascii()
                && head.chars().any(|c| c.is_alphabetic() && !c.is_ascii())
        })
        .map(|(_, inner)| inner)
    {
        let class = classify_words(inner);
        if class != Class::Plain {
            return class;
        }
    }
    let bare = strip_numbering(&t);
    let bare = strip_label_separated(bare).map_or(bare, |b| {
        b.trim_start_matches(|c: char| pictograph(c) || c.is_whitespace())
    });
    // `Q&A session`, `질의응답시간`: a part named with the time it took.
    let timed = SECTION_TIMES
        .iter()
        .find_map(|w| bare.strip_suffix(w))
        .map(str::trim_end);
    if SECTIONS.contains(&bare) || timed.is_some_and(|b| SECTIONS.contains(&b)) {
        return Class::Section;
    }
    let lead = EXTRA_LEADS.iter().any(|l| {
        bare.strip_prefix(l)
            .is_some_and(|r| r.is_empty() || r.starts_with([' ', ':', '-', ',', '!', '.']))
    });
    // `More notes & links`: only words for what surrounds the talks.
    let only_around = words(bare).iter().all(|w| AROUND_WORDS.contains(w));
    // `感想, まとめ`, `Links & resources`: a list of such names.
    let joined = bare.replace(" and ", " & ");
    let parts: Vec<&str> = joined
        .split([',', '、', '・', '/', '&', '＆'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let listed = parts.len() >= 2
        && parts
            .iter()
            .all(|p| EXTRAS.contains(p) || SECTIONS.contains(p) || EXTRA_TAILS.contains(p));
    if EXTRAS.contains(&bare) || lead || only_around || listed {
        return Class::Extra;
    }
    // `Day 1 review` is the day's notes: a group.
    // (`3 juin` is a date, not `juin` numbered 3; `2. March` is numbered.)
    let day_number = t
        .split_whitespace()
        .next()
        .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()));
    if is_group(bare) || (day_number && is_group(&t)) {
        return Class::Group;
    }
    if EXTRA_TAILS.iter().any(|e| bare.ends_with(e))
        || (bare.chars().count() <= 12 && EXTRA_PARTS.iter().any(|p| holds(bare, p)))
    {
        return Class::Extra;
    }
    Class::Plain
}

/// `Talk 3 - Title`, `Part 1 : Title`, `Chapitre 2 : Title`, `Talk one:
/// Title`, `Talk: Title`: pure numbering (or the word talk) in front of a
/// title. Newer labels and numbers in words need a separator after the
/// number (`Lecture 5 on consensus`, `Part one of the keynote` keep theirs).
pub fn strip_label(t: &str) -> Option<&str> {
    label_rest(t, false)
}

/// [`strip_label`] with a separator after the number always: for reading a
/// title's words (`Session 3 recap` is no recap).
fn strip_label_separated(t: &str) -> Option<&str> {
    label_rest(t, true)
}

fn label_rest(t: &str, strict: bool) -> Option<&str> {
    // `Talk: Title`, `セッション名：Title`, `[세션] Title`, `【発表】Title`: a
    // label that only says this is a talk.
    const BARE: &[&str] = &[
        "talk",
        "vortrag",
        "session",
        "セッション",
        "セッション名",
        "発表",
        "タイトル",
        "세션",
        "발표",
        "강연",
        "演讲",
        "议题",
        "题目",
    ];
    let labelled = t
        .split_once([':', '：'])
        .or_else(|| {
            let inner = t.strip_prefix('[').or_else(|| t.strip_prefix('【'))?;
            inner.split_once([']', '】'])
        })
        .filter(|(label, _)| BARE.contains(&label.trim().to_lowercase().as_str()));
    if let Some((_, rest)) = labelled {
        let rest = rest.trim();
        if !rest.is_empty() {
            return Some(rest);
        }
    }
    let mut words = t.splitn(3, ' ');
    let label = words.next()?.to_lowercase();
    let num = words.next()?;
    let rest = words.next()?;
    let old = matches!(
        label.as_str(),
        "talk" | "part" | "session" | "partie" | "teil"
    );
    let new = matches!(
        label.as_str(),
        "parte"
            | "chapter"
            | "chapitre"
            | "kapitel"
            | "capítulo"
            | "capitolo"
            | "episode"
            | "épisode"
    );
    let n = num.trim_end_matches([':', '.', ')']);
    let digits = !n.is_empty() && n.chars().all(|c| c.is_ascii_digit());
    let spelled = matches!(
        n.to_lowercase().as_str(),
        "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten"
    );
    let separated =
        num.ends_with([':', '.', ')']) || rest.trim_start().starts_with(['-', '–', '—', ':', '.']);
    let ok = (old && digits && (separated || !strict))
        || ((old || new) && (digits || spelled) && separated);
    let rest = rest
        .trim_start_matches(['-', '–', '—', ':', '.', ' '])
        .trim();
    (ok && !rest.is_empty()).then_some(rest)
}

/// A talk title's own numbering: `1. Title`, `2) Title`, `01 Title`,
/// `1️⃣ Title`. (Not `10 things I hate`, `2026 in review`, `5. Juni`: an
/// unpadded count, a year, a date.)
pub fn strip_number(t: &str) -> Option<&str> {
    let t = t.trim_start();
    if let Some(rest) = strip_outline_number(t) {
        return Some(rest);
    }
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let after = &t[digits..];
    let keycap = after
        .strip_prefix('\u{FE0F}')
        .unwrap_or(after)
        .strip_prefix('\u{20E3}');
    let rest = keycap
        .or_else(|| after.strip_prefix(". "))
        .or_else(|| after.strip_prefix(") "))
        .or_else(|| {
            (digits == 2 && t.starts_with('0'))
                .then(|| after.strip_prefix(' '))
                .flatten()
        })?
        .trim_start_matches([' ', '-', '–', '—', ':', '|'])
        .trim();
    let first = rest.split_whitespace().next().unwrap_or("");
    let ok = rest.chars().next().is_some_and(|c| !c.is_ascii_digit())
        && !calendar_word(first.trim_end_matches([',', '.']));
    ok.then_some(rest)
}

/// `2.3. Title`: a section number of an outline. (Without the closing
/// dot it may be a version: `5.1 What's new`, `1.0 Release notes`.)
fn strip_outline_number(t: &str) -> Option<&str> {
    let (dotted, rest) = outline_lead(t)?;
    (dotted && rest.chars().next().is_some_and(|c| !c.is_ascii_digit())).then_some(rest)
}

/// `2.3. Title`, `2.3 Title`: an outline's number (two parts or more, of
/// one or two digits) leading a title; whether it closes with a dot, and
/// the rest.
pub fn outline_lead(t: &str) -> Option<(bool, &str)> {
    let (num, rest) = t.trim_start().split_once(' ')?;
    let dotted = num.ends_with('.');
    let parts: Vec<&str> = num.trim_end_matches('.').split('.').collect();
    let numeric = parts.len() >= 2
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()));
    let rest = rest.trim_start();
    (numeric && !rest.is_empty()).then_some((dotted, rest))
}

/// `1. `, `2) `, `III. ` numbering in front of a title.
fn strip_numbering(t: &str) -> &str {
    let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
    if rest.len() < t.len() {
        if let Some(r) = rest
            .strip_prefix(". ")
            .or_else(|| rest.strip_prefix(") "))
            .or_else(|| rest.strip_prefix(" "))
        {
            return r.trim();
        }
    }
    t
}

/// Speaks of talks anywhere in its words (`De charla en charla`, `Talks I
/// went to`, `聞いてきたセッション`): said of a heading over many.
pub fn mentions_talks(title: &str) -> bool {
    MENTIONS.get(title, mentions_talks_words)
}

fn mentions_talks_words(title: &str) -> bool {
    const WORDS: &[&str] = &[
        "talk",
        "talks",
        "session",
        "sessions",
        "charla",
        "charlas",
        "ponencia",
        "ponencias",
        "palestra",
        "palestras",
        "sessão",
        "sessões",
        "vortrag",
        "vorträge",
        "sessioni",
        "intervento",
        "interventi",
        "lezing",
        "lezingen",
        "wykład",
        "wykłady",
        "prelekcja",
        "prelekcje",
        "přednáška",
        "přednášky",
        "přednášek",
        "prednáška",
        "prednášky",
        "доклад",
        "доклады",
        "présentations",
        "conférences",
        "presentations",
        "speech",
        "speeches",
    ];
    let t = norm(title);
    names_talks(title)
        || words(&t).iter().any(|w| WORDS.contains(w))
        || [
            "セッション",
            "講演",
            "発表",
            "발표",
            "세션",
            "演讲",
            "议题",
            "分享",
        ]
        .iter()
        .any(|w| holds(&t, w))
        || attended_lectures(&t)
}

/// Attending lectures (`수강`, `聴講した`): talks, and one was there. Not
/// the words they open (`수강신청` registering for a course, `聴講者` the
/// audience, `수강생`, `聴講料`).
fn attended_lectures(t: &str) -> bool {
    const WORDS: &[&str] = &["수강", "聴講", "聽講"];
    const NOT_AFTER: &[&str] = &["신청", "생", "료", "자", "者", "生", "料", "券"];
    WORDS.iter().any(|w| {
        t.match_indices(w)
            .any(|(at, _)| !NOT_AFTER.iter().any(|n| t[at + w.len()..].starts_with(n)))
    })
}

/// A title's letters and digits, lower case: what two typings of one title
/// share (`Effective ES6` and `[Effective ES6](…)`, `Title!` and `title`).
pub fn title_key(t: &str) -> String {
    t.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Names the highlights (`Highlights`, `Nội Dung Nổi Bật`, `ハイライト`):
/// of a conference, the talks that stood out.
pub fn names_highlights(title: &str) -> bool {
    const WORDS: &[&str] = &["highlights", "höhepunkte", "destaques", "destacados"];
    const PHRASES: &[&str] = &[
        "nổi bật",
        "điểm nhấn",
        "faits marquants",
        "하이라이트",
        "ハイライト",
        "亮点",
        "亮點",
    ];
    let t = norm(title);
    words(&t).iter().any(|w| WORDS.contains(w)) || PHRASES.iter().any(|p| t.contains(p))
}

/// `Related talks`, `Talks to watch later`: not the talks seen.
pub fn other_talks(title: &str) -> bool {
    const OTHER: &[&str] = &[
        "related",
        "recommended",
        "more",
        "other",
        "further",
        "upcoming",
        "next",
        "future",
        "suggested",
        "similar",
        "later",
        "missed",
        "watch",
    ];
    words(&title.to_lowercase())
        .iter()
        .any(|w| OTHER.contains(w))
}

/// Names things other than talks that a list may hold (`Links from the
/// talks:`, `Books I heard about:`, `Release notes`, `Enlaces útiles`).
pub fn names_material(line: &str) -> bool {
    const MATERIAL: &[&str] = &[
        "links",
        "link",
        "resources",
        "books",
        "book",
        "articles",
        "article",
        "papers",
        "reading",
        "readings",
        "release",
        "releases",
        "slides",
        "videos",
        "tools",
        "libraries",
        "repos",
        "repositories",
        "enlaces",
        "recursos",
        "libros",
        "artículos",
        "herramientas",
        "liens",
        "ressources",
        "livres",
        "outils",
        "bücher",
        "artikel",
        "werkzeuge",
        "materiais",
        "livros",
        "artigos",
        "ferramentas",
        "libri",
        "articoli",
        "risorse",
        "strumenti",
    ];
    words(&line.to_lowercase())
        .iter()
        .any(|w| MATERIAL.contains(w))
}

/// A lead-in to the talks one saw, listed below it: `I attended`,
/// `Talks I liked:`, `聞いたセッションはこちら`, `Programação:`.
pub fn leads_to_talks_seen(line: &str) -> bool {
    !other_talks(line) && (mentions_talks(line) || says_seen(line) || names_programme(line))
}

/// What a speaker spoke about, when a line goes on from their name to say
/// so (`[Name](…) talked about effect systems, …` → `effect systems`): the
/// words after the verb, up to the end of the clause.
pub fn spoken_topic(rest: &str) -> Option<&str> {
    // (Verbs of speaking or showing, with the word leading to the topic.)
    const SAID: &[&str] = &[
        "talked about",
        "talking about",
        "talks about",
        "spoke about",
        "spoke on",
        "speaking about",
        "told us about",
        "walked us through",
        "went over",
        "presented",
        "demoed",
        "demonstrated",
        "described",
        "discussed",
        "explained",
        "introduced",
        "shared",
        "showed",
        "habló sobre",
        "habló de",
        "nos habló de",
        "nos habló sobre",
        "nos contó sobre",
        "presentó",
        "explicó",
        "falou sobre",
        "apresentou",
        "explicou",
        "a parlé de",
        "a présenté",
        "nous a présenté",
        "a expliqué",
        "sprach über",
        "erzählte von",
        "ha parlato di",
        "ha presentato",
    ];
    let r = rest.trim_start();
    let lower = r.to_lowercase();
    // (`gave a talk about`, `gave a fascinating talk on`.)
    let gave = ["gave a ", "gave an ", "held a ", "did a "]
        .iter()
        .find(|g| lower.starts_with(**g))
        .and_then(|g| {
            let after = &lower[g.len()..];
            let ws: Vec<&str> = after.split(' ').take(4).collect();
            let k = ws
                .iter()
                .position(|w| matches!(*w, "talk" | "presentation" | "keynote" | "session"))?;
            ws.get(k + 1).filter(|p| matches!(**p, "about" | "on"))?;
            Some(g.len() + ws[..=k + 1].iter().map(|w| w.len() + 1).sum::<usize>() - 1)
        });
    let at = gave.or_else(|| {
        SAID.iter()
            .find(|v| lower.starts_with(**v) && lower[v.len()..].starts_with(' '))
            .map(|v| v.len())
    })?;
    // (`lower` has `r`'s byte lengths for the words it may start with.)
    let topic = r.get(at..)?.trim_start();
    let end = [
        ", ", ". ", "; ", ": ", " (", " -- ", " — ", " – ", " which ", " where ", "!",
    ]
    .iter()
    .filter_map(|e| topic.find(e))
    .min()
    .unwrap_or(topic.len());
    let topic = topic[..end].trim().trim_end_matches(['.', ',', ';', ':']);
    let n = topic.split_whitespace().count();
    ((1..=12).contains(&n)).then_some(topic)
}

/// Says one was there, in the past tense: `Talks I attended`, `참석한 세션`.
pub fn says_seen(line: &str) -> bool {
    const SEEN: &[&str] = &[
        "attended",
        "went",
        "saw",
        "watched",
        "heard",
        "visited",
        "assisté",
        "assistée",
        "assistés",
        "assistées",
        "suivi",
        "suivie",
        "suivis",
        "suivies",
        "besucht",
        "besuchte",
        "besuchten",
        "gehört",
        "gesehen",
        "asistí",
        "asistimos",
        "fui",
        "fuimos",
        "vi",
        "vimos",
        "assistimos",
        "escuché",
        "assisti",
        "seguito",
        "ascoltato",
        "uczestniczyłem",
        "uczestniczyłam",
        "usłyszałem",
        "usłyszałam",
        "bijgewoond",
        "gezien",
        "посетил",
        "посетила",
        "послушал",
        "послушала",
    ];
    const SEEN_CJK: &[&str] = &[
        "聞いた",
        "聴いた",
        "見た",
        "参加した",
        "들은",
        "참석한",
        "听了",
        "聽了",
        "参加了",
        "參加了",
    ];
    let t = norm(line);
    words(&t).iter().any(|w| SEEN.contains(w))
        || SEEN_CJK.iter().any(|w| holds(&t, w))
        || attended_lectures(&t)
}

/// Names the programme, a short line: `Schedule`, `Programação:`, `议程`.
pub fn names_programme(line: &str) -> bool {
    const PROGRAMME: &[&str] = &[
        "programme",
        "program",
        "programação",
        "programa",
        "programm",
        "schedule",
        "lineup",
        "agenda",
    ];
    const PROGRAMME_CJK: &[&str] = &["プログラム", "タイムテーブル", "일정", "议程", "議程"];
    let t = norm(line);
    let ws = words(&t);
    (ws.len() <= 3 && ws.iter().any(|w| PROGRAMME.contains(w)))
        || PROGRAMME_CJK.iter().any(|w| holds(&t, w))
}

/// Titles as talks are titled, at the median: three words or more, or
/// ten characters in a script written without spaces (`Outline`,
/// `Rehearsal`, `On the day` are parts of something).
pub fn titled_as_talks<'a>(titles: impl Iterator<Item = &'a str>) -> bool {
    titled_as(titles, 10)
}

/// [`titled_as_talks`], with `unspaced` characters enough for a title in a
/// script written without spaces.
pub fn titled_as<'a>(titles: impl Iterator<Item = &'a str>, unspaced: usize) -> bool {
    let mut long: Vec<bool> = titles
        .map(|t| {
            let spaced = t.split_whitespace().count();
            // (From U+2E80 on: CJK, kana and the like.)
            let cjk = t.chars().any(|c| c as u32 >= 0x2E80);
            spaced >= 3 || (spaced <= 2 && cjk && t.chars().count() >= unspaced)
        })
        .collect();
    long.sort_unstable();
    long.get(long.len() / 2).copied().unwrap_or(false)
}

/// Names several talks of a kind (`Keynotes`, `Lightning talks`).
pub fn names_talks(title: &str) -> bool {
    NAMED.get(title, names_talks_words)
}

fn names_talks_words(title: &str) -> bool {
    let t = norm(title);
    let ws = words(&t);
    // Japanese, Korean and Chinese have no plural: a short heading that is
    // the word for talks or sessions names them.
    let cjk = t.chars().count() <= 8
        && [
            "トーク",
            "セッション",
            "講演",
            "발표",
            "発表",
            "세션",
            "演讲",
            "议题",
            "分享",
        ]
        .iter()
        .any(|w| holds(&t, w));
    cjk || ws.len() <= 3
        && ws.iter().any(|w| {
            matches!(
                *w,
                "keynotes"
                    | "talks"
                    | "sessions"
                    | "panels"
                    | "workshops"
                    | "presentations"
                    | "vorträge"
                    | "conférences"
                    | "présentations"
                    | "charlas"
                    | "ponencias"
                    | "palestras"
                    | "apresentações"
                    | "presentaciones"
                    | "sesiones"
                    | "sessioni"
                    | "prezentacje"
                    | "präsentationen"
                    | "sessões"
                    | "přednášky"
                    | "přednášek"
                    | "prednášky"
                    | "prednášok"
                    | "interventi"
                    | "lezingen"
                    | "presentaties"
                    | "wykłady"
                    | "prelekcje"
                    | "доклады"
            )
        })
}

/// Names a kind of talk (Keynote, Panel, Lightning talks).
pub fn names_talk_kind(title: &str) -> bool {
    let t = norm(title);
    words(&t).iter().any(|w| TALK_WORDS.contains(w))
        || TALK_WORDS.iter().any(|w| !w.is_ascii() && holds(&t, w))
}

/// Only a kind of talk, with no title of its own (`Keynote`, `Opening
/// keynote`, `Lightning talk`).
pub fn only_talk_kind(title: &str) -> bool {
    let t = norm(title);
    let ws = words(&t);
    !ws.is_empty()
        && ws.len() <= 3
        && ws
            .iter()
            .all(|w| TALK_WORDS.contains(w) || matches!(*w, "opening" | "closing"))
}

/// Words that make a file's top heading an event or a collection of talks
/// rather than one talk: a year, conference, meetup, notes, recap.
const EVENT_WORDS: &[&str] = &[
    "conf",
    "day",
    "conference",
    "conférence",
    "konferenz",
    "summit",
    "meetup",
    "symposium",
    "workshop",
    "forum",
    "festival",
    "fest",
    "camp",
    "con",
    "days",
    "notes",
    "recap",
    "report",
    "review",
    "talks",
    "sessions",
    "highlights",
    "compte",
    "rendu",
    "retour",
    "meeting",
    "weekly",
];

const EVENT_PARTS: &[&str] = &[
    "参加",
    "レポート",
    "まとめ",
    "후기",
    "리뷰",
    "정리",
    "参会",
    "笔记",
    "大会",
    "峰会",
    "カンファレンス",
    "컨퍼런스",
    "セッション",
    "세션",
    "デー",
    "の日",
    "発表会",
    "勉強会",
    "meetup",
];

/// Looks like the name of an event, a day or a collection of talks.
pub fn names_event(title: &str) -> bool {
    EVENTS.get(title, names_event_words)
}

fn names_event_words(title: &str) -> bool {
    let t = norm(title);
    let ws = words(&t);
    let year = ws.iter().any(|w| {
        w.len() == 4
            && (w.starts_with("19") || w.starts_with("20"))
            && w.chars().all(|c| c.is_ascii_digit())
    });
    // `RustConf`, `PyCon`, `RubyKaigi`: an event's name in one word.
    let compound = title.split(|c: char| !c.is_alphanumeric()).any(|w| {
        let lower = w.to_lowercase();
        w.chars().skip(1).any(char::is_uppercase)
            && ["conf", "con", "kaigi", "fest", "camp", "days", "summit"]
                .iter()
                .any(|e| lower.ends_with(e) && lower.len() > e.len())
    });
    year || compound
        || is_group(&t)
        || ws.iter().any(|w| EVENT_WORDS.contains(w))
        || EVENT_PARTS.iter().any(|p| holds(&t, p))
}

#[cfg(test)]
mod tests {
    #[test]
    fn lead_ins_to_the_talks_seen() {
        for t in [
            "I attended",
            "The talks I liked:",
            "聞いたセッションはこちら。",
            "Programação:",
            "Ich habe diese Vorträge besucht:",
        ] {
            assert!(leads_to_talks_seen(t), "{t}");
        }
        for t in [
            "Talks she recommended:",
            "Related talks",
            "Slides and videos:",
            "We had lunch at noon.",
        ] {
            assert!(!leads_to_talks_seen(t), "{t}");
        }
    }

    use super::*;

    #[test]
    fn an_outline_number_goes_and_a_version_stays() {
        assert_eq!(
            strip_number("2.3. Moving to NoSQL"),
            Some("Moving to NoSQL")
        );
        assert_eq!(strip_number("2.2 MemoryDB for Redis"), None);
        assert_eq!(strip_number("1.0 Release notes"), None);
        assert_eq!(strip_number("5.1 What's new"), None);
        assert_eq!(strip_number("3.14 reasons to love pi"), None);
        assert_eq!(strip_number("10.2.1"), None);
    }

    #[test]
    fn headings_by_their_words() {
        for (t, want) in [
            ("Day 1 Friday 9th December", Class::Group),
            ("Thursday 11th May", Class::Group),
            ("Day Two", Class::Group),
            ("2日目", Class::Group),
            ("上午", Class::Group),
            ("Track 2", Class::Group),
            ("День 1", Class::Group),
            ("Erster Tag", Class::Group),
            ("Première journée", Class::Group),
            ("Segunda-feira", Class::Group),
            ("3 juin", Class::Group),
            ("3 de junio", Class::Group),
            ("첫째 날", Class::Group),
            ("Lunedì 3 giugno", Class::Group),
            ("Takeaways", Class::Section),
            ("Our approach", Class::Section),
            ("感想, まとめ", Class::Extra),
            ("Summary & thoughts", Class::Extra),
            ("🍕 Food and venue", Class::Extra),
            ("Lunch and Learn: Rust in prod", Class::Plain),
            ("Table of contents", Class::Extra),
            ("Coffee break", Class::Extra),
            ("Deview 란?", Class::Extra),
            ("Welcome reception", Class::Extra),
            ("🍕 Lunch", Class::Extra),
            ("Discussions", Class::Extra),
            ("その他", Class::Extra),
            ("Chapitre 7 : Conclusion de la journée", Class::Extra),
            ("Bilan carbone du numérique", Class::Plain),
            ("Episode 2 recap", Class::Plain),
            ("Location: where to store your data", Class::Plain),
            ("Venue: the old library", Class::Extra),
            ("Location-aware apps", Class::Plain),
            ("3 things I learned", Class::Plain),
            ("Links to the future", Class::Plain),
            ("Q&A", Class::Section),
            ("Q&A session", Class::Section),
            ("질의응답시간", Class::Section),
            ("質疑応答の時間", Class::Section),
            ("Story time", Class::Plain),
            ("発表資料", Class::Section),
            ("Intro", Class::Extra),
            ("Conclusion du premier jour", Class::Extra),
            ("Misc notes", Class::Extra),
            ("Vue Fes Japanとは", Class::Extra),
            ("Introduction to Kubernetes", Class::Plain),
            ("Party tricks with Rust macros", Class::Plain),
            ("Dayjs and dates in JavaScript", Class::Plain),
            ("Error budgets in practice", Class::Plain),
        ] {
            assert_eq!(classify(t), want, "{t}");
        }
    }

    #[test]
    fn labels_that_only_say_talk_are_dropped() {
        for (t, want) in [
            ("Talk: Async Rust", Some("Async Rust")),
            (
                "セッション名：Goのジェネリクス実践",
                Some("Goのジェネリクス実践"),
            ),
            ("[세션] 대규모 트래픽 처리", Some("대규모 트래픽 처리")),
            ("【発表】型のある設定", Some("型のある設定")),
            ("Keynote: The next ten years", None),
            ("[WIP] Async Rust", None),
            ("Rust: the good parts", None),
        ] {
            assert_eq!(strip_label(t), want, "{t}");
        }
        for (t, want) in [
            ("1. Opening keynote", Some("Opening keynote")),
            ("2) Async Rust", Some("Async Rust")),
            ("01 sktime - a toolbox", Some("sktime - a toolbox")),
            (
                "3\u{FE0F}\u{20E3} Jane Doe | Title",
                Some("Jane Doe | Title"),
            ),
            ("10 things I hate about YAML", None),
            ("2026 in review", None),
            ("5. Juni", None),
            ("3. March 2024", None),
            ("1.5x faster builds", None),
            ("12. ", None),
        ] {
            assert_eq!(strip_number(t), want, "{t}");
        }
    }

    #[test]
    fn events_and_kinds() {
        assert!(names_event("RustConf 2026"));
        assert!(names_event("Day One"));
        assert!(names_event("Java 9 : conf meetup"));
        assert!(!names_event("Kubernetes 101"));
        assert!(!names_event("Advanced Javascript"));
        assert!(names_talk_kind("Opening keynote - @someone"));
        assert!(names_talk_kind("Lightning talks"));
        assert!(!names_talk_kind("Talking points for managers"));
    }

    #[test]
    fn holds_as_contains() {
        let long = "a longer line of notes than sixty-four bytes, 発表 at the end of it";
        for t in [
            "",
            "日目",
            "2日目",
            "day 1",
            "après-midi",
            "séance 発表",
            "ab",
            long,
        ] {
            for w in [
                "",
                "日",
                "日目",
                "1",
                "day",
                "après",
                "発表",
                "abc",
                "b",
                "end of it",
            ] {
                assert_eq!(holds(t, w), t.contains(w), "{t:?} {w:?}");
            }
        }
    }
}
