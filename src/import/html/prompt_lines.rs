//! Lines that ask the reader to do something for the site rather than
//! tell the article: subscribe to its newsletter ("Sign up for the
//! Crypto-Gram Newsletter"), follow it on a network ("Follow US News on
//! Twitter and Facebook", "– Follow the Ticker on Twitter: @Ticker"), or
//! subscribe and share because the post pleased ("If you enjoyed this
//! post, make sure you subscribe to our RSS feed"), log in past a paywall
//! ("Already a subscriber? Log in"), give ("Donate", "We need your
//! help") or write to the paper ("Submit your letter to the editor via
//! this form."). Told by what they say,
//! lower case; each is muted where it stands, never dropped.

use super::boilerplate_lines::NETWORKS;

/// How a prompt to subscribe asks ("Sign up for our newsletter").
const SUBSCRIBE_WORDS: &[&str] = &[
    "sign up",
    "sign-up",
    "subscribe",
    "receive",
    "join",
    "abonnez",
    "inscrivez",
    "abonnieren",
    "anmelden",
    "bestellen",
    "suscríbete",
    "suscribirse",
    "regístrate",
    "zapisz",
    "iscriviti",
    "assine",
    "inscreva",
    "abonniere",
    "get ",
];

/// What a prompt to subscribe is to.
const NEWSLETTER_WORDS: &[&str] = &[
    "newsletter",
    "boletín",
    "email updates",
    "e-mail updates",
    "your inbox",
    "push-mitteilungen",
];

/// How a prompt to subscribe says it comes by mail, said by sentences of
/// an article too ("Residents can receive the forms by email"): only with
/// a word that can only ask to subscribe.
const BY_MAIL_WORDS: &[&str] = &[
    "by email",
    "by e-mail",
    "per e-mail",
    "par e-mail",
    "por correo",
    "updates direkt",
];

/// The words that only ask to subscribe.
const ONLY_SUBSCRIBE_WORDS: &[&str] = &[
    "sign up",
    "sign-up",
    "subscribe",
    "abonn",
    "suscríb",
    "iscriviti",
    "inscreva",
    "zapisz się",
];

/// How a short line that asks the reader to subscribe begins ("Subscribe
/// to all about auto").
const SUBSCRIBE_OPENINGS: &[&str] = &[
    "subscribe to ",
    "subscribe via ",
    "subscribe by ",
    "subscribe now",
    "sign up for the latest",
    "sign up for our",
    "abonnieren sie",
    "abonnez-vous",
    "suscríbete",
    "iscriviti",
    "assine ",
    "inscreva-se",
    "zapisz się",
    "never miss a ",
    "never miss an ",
    "rss feed",
    "verpassen sie keine",
    "ne manquez aucun",
];

/// How a line that asks the reader to follow the site (or its writer)
/// begins.
const FOLLOW_OPENINGS: &[&str] = &[
    "follow ",
    "you can follow ",
    "folgen sie ",
    "folge ",
    "suivez",
    "síguenos",
    "sigue a ",
    "seguici",
    "segui ",
    "siga ",
    "obserwuj ",
    "visit ",
    "you should like ",
    "like us on ",
];

/// Where a reader is asked to follow, besides the share buttons' networks.
const FOLLOWED_ON: &[&str] = &[
    "instagram",
    "youtube",
    "tiktok",
    "bluesky",
    "mastodon",
    "threads",
    "rss",
];

/// How a prompt that presumes the reader enjoyed the post begins.
const ENJOYED_OPENINGS: &[&str] = &[
    "if you enjoyed this",
    "if you liked this",
    "if you like this",
    "if you found this",
    "enjoyed this article?",
    "enjoyed this post?",
    "liked this article?",
    "liked this post?",
    "did you enjoy this",
    "like this article?",
    "like this post?",
    "like our site?",
    "like what you read?",
    "like what you see?",
    "hat ihnen dieser artikel gefallen",
    "hat ihnen der artikel gefallen",
    "wenn ihnen dieser artikel gefallen",
    "si vous avez aimé cet article",
    "vous avez aimé cet article",
    "si te gustó este artículo",
    "¿te gustó este artículo",
    "se ti è piaciuto questo articolo",
    "se gostou deste artigo",
    "gostou deste artigo",
    "jeśli podobał ci się",
    "podobał ci się ten artykuł",
];

/// How a line of a paywall or of the site's accounts begins, or the whole
/// line ("Already a subscriber? Log in", "Pour lire la suite, créez votre
/// compte").
const ACCOUNT_OPENINGS: &[&str] = &[
    "already a subscriber",
    "already have an account",
    "already registered",
    "create an account",
    "create a free account",
    "create your free account",
    "to continue reading",
    "subscribe to continue reading",
    "subscribe to read",
    "log in to continue",
    "sign in to continue",
    "pour lire la suite",
    "vous avez déjà un compte",
    "ou si vous avez déjà un compte",
    "créer un compte",
    "créez votre compte",
    "déjà abonné",
    "sie sind bereits abonnent",
    "bereits abonnent",
    "schon abonnent",
    "jetzt weiterlesen",
    "um weiterzulesen",
    "¿ya tienes una cuenta",
    "ya tienes una cuenta",
    "para seguir leyendo",
    "para continuar leyendo",
    "crea una cuenta",
    "sei già abbonato",
    "per continuare a leggere",
    "já é assinante",
    "para continuar lendo",
    "masz już konto",
    "aby czytać dalej",
];

/// How a line that asks the reader for money or membership begins.
const SUPPORT_OPENINGS: &[&str] = &[
    "donate",
    "make a donation",
    "we need your help",
    "help us continue",
    "support our journalism",
    "support independent journalism",
    "support us",
    "become a member",
    "become a patron",
    "jetzt spenden",
    "unterstützen sie uns",
    "unterstützen sie unabhängigen journalismus",
    "faire un don",
    "soutenez-nous",
    "soutenez notre",
    "haz una donación",
    "dona ahora",
    "apoya nuestro periodismo",
    "apoya el periodismo",
    "support journalism",
    "support quality journalism",
    "hazte socio",
    "sostienici",
    "dona ora",
    "faça uma doação",
    "apoie o nosso jornalismo",
    "wesprzyj nas",
    "wspieraj nas",
];

/// How a line that asks the reader to write to the paper begins.
const WRITE_IN_OPENINGS: &[&str] = &[
    "submit your letter",
    "submit a letter",
    "send us your letter",
    "send a letter to the editor",
    "write a letter to the editor",
    "submit your news tip",
    "send us a news tip",
    "have a news tip",
    "got a news tip",
    "leserbrief schreiben",
    "schreiben sie uns einen leserbrief",
    "écrivez-nous",
    "envíanos tu carta",
    "envíe su carta",
];

/// A line of an account's or a supporter's prompt is at most this many
/// chars.
const ACCOUNT_LINE_CHARS: usize = 120;

/// A prompt is at most this many chars.
const PROMPT_CHARS: usize = 200;

/// A line that only asks to subscribe is at most this many chars.
const SUBSCRIBE_LINE_CHARS: usize = 80;

/// A line that asks to follow is at most this many chars.
const FOLLOW_CHARS: usize = 160;

/// Whether a line (lower case) asks the reader to subscribe, to follow
/// the site on a network, or to subscribe or share because they enjoyed
/// the post.
pub(super) fn is_reader_prompt(lower: &str) -> bool {
    let chars = lower.chars().count();
    // After a bullet, a dash or an email's quote marks ("> >Follow …").
    let bare = lower.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '¿' && c != '¡');
    // The opening a whole phrase ("Donate", not "Donated organs …").
    let begins = |openings: &[&str]| {
        openings.iter().any(|opening| {
            bare.strip_prefix(opening).is_some_and(|rest| {
                opening.ends_with(' ') || !rest.starts_with(char::is_alphanumeric)
            })
        })
    };
    let says = |words: &[&str]| words.iter().any(|word| lower.contains(word));
    let newsletter = (says(NEWSLETTER_WORDS) && says(SUBSCRIBE_WORDS))
        || (says(BY_MAIL_WORDS) && says(ONLY_SUBSCRIBE_WORDS));
    chars <= PROMPT_CHARS
        && (newsletter
            || begins(ENJOYED_OPENINGS)
            || (chars <= SUBSCRIBE_LINE_CHARS && begins(SUBSCRIBE_OPENINGS))
            || (chars <= ACCOUNT_LINE_CHARS && begins(ACCOUNT_OPENINGS))
            || (chars <= ACCOUNT_LINE_CHARS && begins(WRITE_IN_OPENINGS))
            // A plea, not a clause of a sentence ("Support us, the strikers
            // shouted").
            || (chars <= ACCOUNT_LINE_CHARS && begins(SUPPORT_OPENINGS) && !lower.contains(','))
            || (chars <= FOLLOW_CHARS && begins(FOLLOW_OPENINGS) && names_a_network(lower))
            || (chars <= FOLLOW_CHARS && asks_for_comments(lower, bare))
            || (chars <= FOLLOW_CHARS && ends_offering_a_subscription(lower)))
}

/// What an offer to subscribe promises ("A flexible plan you can cancel
/// anytime.", "Tú también puedes hacer periodismo incómodo. Cancela
/// cuando quieras.").
const SUBSCRIPTION_OFFER_WORDS: &[&str] = &[
    "cancel anytime",
    "cancel at any time",
    "cancela cuando quieras",
    "cancela en cualquier momento",
    "cancele quando quiser",
    "jederzeit kündbar",
    "jederzeit kündigen",
    "résiliable à tout moment",
    "sans engagement",
    "disdici quando vuoi",
    "anuluj w dowolnym momencie",
];

/// Whether a line ends promising what a subscription allows (not a
/// sentence that goes on: "Members can cancel anytime, the owner said.").
fn ends_offering_a_subscription(lower: &str) -> bool {
    let end = lower.trim_end_matches(|c: char| !c.is_alphanumeric());
    SUBSCRIPTION_OFFER_WORDS
        .iter()
        .any(|offer| end.ends_with(offer))
}

/// How a prompt to comment begins, and where it ends by sending the
/// reader.
const COMMENT_PROMPT_OPENINGS: &[&str] = &[
    "let us know",
    "tell us",
    "what do you think",
    "share your thoughts",
    "share your experience",
    "sagen sie uns",
    "schreiben sie uns",
    "dites-nous",
    "cuéntanos",
    "déjanos",
    "napisz",
];
const TO_THE_COMMENTS: &[&str] = &[
    "comments below",
    "comment below",
    "comments section below",
    "comment section below",
    "in the comments",
    "in the comments section",
    "in den kommentaren",
    "en commentaire",
    "en los comentarios",
    "w komentarzu",
    "w komentarzach",
];

/// "Let us know what you think in the comments below.": a line that asks
/// for comments and ends by sending the reader to them (not a sentence
/// that reports it: "Let us know, said the mayor, …").
fn asks_for_comments(lower: &str, bare: &str) -> bool {
    let end = lower.trim_end_matches(|c: char| !c.is_alphanumeric());
    COMMENT_PROMPT_OPENINGS.iter().any(|opening| {
        bare.strip_prefix(opening)
            .is_some_and(|rest| !rest.trim_start().starts_with(','))
    }) && TO_THE_COMMENTS.iter().any(|place| end.ends_with(place))
}

/// Whether a line names a network as a word, or a handle ("@Ticker").
fn names_a_network(lower: &str) -> bool {
    lower
        .split(|c: char| !c.is_alphanumeric() && c != '@')
        .any(|word| {
            NETWORKS.contains(&word)
                || FOLLOWED_ON.contains(&word)
                || (word.len() > 1 && word.starts_with('@'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prompt(line: &str) -> bool {
        is_reader_prompt(&line.to_lowercase())
    }

    #[test]
    fn prompts_to_the_reader_are_told_by_what_they_ask() {
        for line in [
            "To receive these entries once a month by e-mail, sign up for the Crypto-Gram Newsletter.",
            "Abonnez-vous à notre newsletter",
            "Follow US News from NBCNews.com on Twitter and Facebook",
            "– Follow the Ticker on Twitter: @PoliticalTicker",
            "> >Follow Noah Rothman (@Noah_C_Rothman) on Twitter",
            "Follow me on Twitter. Subscribe to new posts via RSS or email.",
            "Folgen Sie uns auf Instagram",
            "Síguenos en Twitter y Facebook",
            "If you enjoyed this post, then make sure you subscribe to our RSS Feed.",
            "If you enjoyed this article, enter your email below to get free updates!",
            "If you found this article helpful, check out...",
            "Hat Ihnen dieser Artikel gefallen? Dann teilen Sie ihn!",
            "¿Te gustó este artículo? Compártelo",
            "Subscribe to all about auto",
            "Get The Times of Israel's Daily Edition by email and never miss our top stories Free Sign Up",
            "Erhalte Updates direkt auf dieses Gerät – abonniere jetzt.",
            "Pour lire la suite et accéder gratuitement à 3 articles par mois, créez votre compte",
            "Ou si vous avez déjà un compte, connectez-vous ici",
            "Already a subscriber? Log in",
            "We need your help",
            "Help us continue to spread the magic of words to readers everywhere",
            "Donate",
            "Let us know how else we can help educators in comments section below…",
            "What do you think? Tell us in the comments!",
            "Sign up for the latest in fashion, food, fun, and local Deals in Atlanta.",
            "Visit the FDA on Facebook, Flickr, YouTube and Twitter",
            "Sign-up to the Daily Blog Tips newsletter and you will be able to download the eBook.",
            "Tú también puedes hacer periodismo incómodo. Cancela cuando quieras.",
            "Apoya el periodismo incómodo",
            "Nur 4,99 € im Monat, jederzeit kündbar.",
            "Submit your letter to the editor via this form. Read more Letters to the Editor.",
            "Have a news tip? Email us.",
            "never miss a recipe",
            "You should like Thought Catalog on Facebook here.",
            "Like Our Site?",
            "RSS Feed for FDA News Releases",
        ] {
            assert!(prompt(line), "{line}");
        }
    }

    #[test]
    fn sentences_that_only_begin_like_a_prompt_are_not_one() {
        for line in [
            "The newsletter's editor left the paper in May.",
            "Follow the money, the auditor said, and you will find the harbour's budget.",
            "Followers of the club on Twitter were not pleased with the result of the vote.",
            "If you enjoy long walks, the coast path is the best way to see the bay.",
            "Donated organs saved four lives last year, the hospital said in its annual report.",
            "Support us, the strikers shouted as the mayor walked past the harbour gates.",
            "Get the council to listen and you get the budget you want, she said.",
            "Residents can receive the forms by email from the council office.",
            "Subscribe to the idea that the council should decide, and the debate is over: \
             that was the mayor's view, which the opposition did not share at all.",
            "Let us know, said the mayor, and she asked for the comments below the notice.",
            "Tell us in the comments below what the council should build next, she wrote on \
             Monday, and hundreds of residents did in the days after the meeting was held.",
            "Visit the harbour museum before it closes for the winter.",
            "Never miss a chance to see the harbour at dawn, the mayor said, and the crowd laughed.",
            "Like this article's author, the mayor grew up by the harbour.",
            "Members can cancel anytime, the owner of the harbour gym said on Monday.",
            "Submit your lettering designs to the harbour festival's jury by Friday, the organisers said, \
             and the winner's poster will hang in the town hall for a year.",
        ] {
            assert!(!prompt(line), "{line}");
        }
    }
}
