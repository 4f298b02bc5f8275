package commands

import (
	"regexp"
	"strings"
	"unicode"
)

// ClaimIntent reports whether a comment asks, in plain English, to take
// the issue: "can I work on this?", "I'd like to pick this up", "please
// assign me", "is this still available?". Text in code, block quotes, HTML
// and "double quotes" does not count, nor do questions about other people
// ("who is working on this?"), assignments to someone else ("assign this
// to @someone") or refusals ("I can't work on this"). When a comment says
// both, the last statement wins: "I'd like to take this, but I don't have
// time" is not a request. Other languages are not recognised.
func ClaimIntent(body string) bool {
	intent := false
	for _, para := range readProse(body).paragraphs() {
		for _, clause := range clauses(para) {
			switch {
			case !gated(clause):
			case matchesAny(clause, declines):
				intent = false
			case matchesAny(clause, requests):
				intent = true
			}
		}
	}
	return intent
}

// Building blocks of the patterns, applied to clauses (see clauses): lower
// case, contractions spelled out, words separated by single spaces.
const (
	// objWeak refers to the issue by a pronoun.
	objWeak = `(?:this|it|that|these|them)`
	// objNoun names the issue.
	objNoun = `(?:issue|one|task|bug|ticket|feature|problem|item|pr|enhancement|change|story)`
	// objStrong refers to the issue by a noun or a number.
	objStrong = `(?:(?:this|the|that)(?: [a-z0-9-]+){0,2}? ` + objNoun + `|issue ?#?[0-9]+|#[0-9]+)`
	obj       = `(?:` + objStrong + `|` + objWeak + `)`
	// adv are words that may come between the parts of a request.
	adv = `(?:(?:really|also|definitely|gladly|happily|just|totally|certainly|absolutely|surely|maybe|perhaps|please|kindly|still|now|actually|already|try and|try to|go ahead and|be able to|be allowed to|start to|begin to|like to|love to) )*`
	// verb phrases that take the issue.
	vpObj    = `(?:work(?:ing)? on|tak(?:e|ing)(?: up| on| over)?|pick(?:ing)? up|grab(?:bing)?|claim(?:ing)?|tackl(?:e|ing)|handl(?:e|ing)|fix(?:ing)?|solv(?:e|ing)|resolv(?:e|ing)|implement(?:ing)?|address(?:ing)?|own(?:ing)?|contribut(?:e|ing) (?:to|on)|help(?:ing)? (?:out )?(?:with|on)|start(?:ing)? (?:working )?on) ` + obj
	vpPick   = `pick(?:ing)? ` + obj + ` up`
	vpGive   = `giv(?:e|ing) ` + obj + ` a (?:try|shot|go)`
	vpStab   = `(?:tak(?:e|ing)|hav(?:e|ing)) a (?:stab|shot|crack|go) at ` + obj
	vpStrong = `(?:do(?:ing)?|try(?:ing)?|attempt(?:ing)?|hav(?:e|ing)|get(?:ting)?) ` + objStrong
	vpBare   = `(?:help(?:ing)?(?: out)?|contribut(?:e|ing)|(?:be|get|getting|have) (?:` + obj + ` )?assigned|be the assignee|(?:submit(?:ting)?|send(?:ing)?|open(?:ing)?|rais(?:e|ing)|creat(?:e|ing)|mak(?:e|ing)) (?:a|the) (?:pr|pull request|patch))`
	vp       = `(?:` + vpObj + `|` + vpPick + `|` + vpGive + `|` + vpStab + `|` + vpStrong + `|` + vpBare + `)\b`
	// greeting may open a sentence before a request without "I".
	greeting = `^ (?:(?:hi|hello|hey|hiya|greetings|dear|sure|yes|yeah|ok|okay|great|thanks|thank you|awesome|cool|nice|all|team|everyone|folks|there|maintainers?|@[^ ]+) )*`
	// refusal verbs: not able, not wanting, not planning.
	negated = ` i (?:can not|could not|will not|would not|do not|did not|am not|am no longer|no longer|will no longer|can no longer|have not|never) ` + adv + `(?:(?:be able|have (?:the )?time|want|plan|intend|going|planning|like|wish|able|allowed|continue|keep) to )?` + adv + vp
)

// requests are the ways of asking to take an issue.
var requests = compileAll(
	` (?:can|could|may|might|shall) i `+adv+vp,
	` i (?:would|should) `+adv+`(?:like|love|want|prefer|be (?:happy|glad|keen|interested|delighted|willing|eager|excited|able)) to `+adv+vp,
	` i `+adv+`(?:want|wish|hope|plan|intend|aim|volunteer|offer|wanted|am going|am planning|am hoping|am trying|was hoping|am looking) to `+adv+vp,
	` i am `+adv+`(?:interested in|keen on|happy to|glad to|willing to|eager to|excited to|ready to|up for|able to) `+adv+vp,
	` i (?:will|can|could|shall) `+adv+vp,
	` i (?:am|have been) `+adv+`(?:working on|taking|on|fixing|tackling|handling) `+obj+` `,
	` let me `+adv+vp,
	` (?:mind|ok|okay|alright|fine|problem) if i `+adv+vp,
	` for me to `+adv+vp,
	` i can not wait to `+adv+vp,
	greeting+`(?:would |should )?(?:really )?(?:love|like|be happy|be glad|happy|glad|keen|willing|eager|excited|interested) (?:to|in) `+adv+vp,
	` assign (?:`+obj+` )?(?:to )?(?:me|myself)\b`,
	` (?:`+obj+`|be|get|got|been) assigned to me\b`,
	` is `+obj+` (?:still )?(?:available|up for grabs|open for (?:contributions?|contributors|work|grabs|taking)|free to (?:take|work on)|unassigned|unclaimed|taken|claimed)\b`,
	` (?:still )?up for grabs\b`,
	` (?:request(?:ing)?|asking) (?:to be|for being|to get) assigned\b`,
	` (?:put me down for|sign me up|count me in|dibs)\b`,
	` i am `+adv+`(?:very |so )?interested(?: in (?:this|it|(?:this|the) (?:issue|one|task|ticket|bug)))? $`,
)

// declines are the ways of saying one will not take it, or no longer.
var declines = compileAll(
	negated,
	` i (?:do not|did not|will not) have (?:the |enough |any )?time\b`,
	` i (?:am|was) (?:too |very |really )?busy\b`,
	` no (?:more )?time\b`,
	` (?:unassign(?:ing)?|releas(?:e|ing)|drop(?:ping)?|abandon(?:ing)?|giv(?:e|ing) up(?: on)?|step(?:ping)? (?:down|back|away) from)(?: [a-z]+){0,2} (?:me|myself|this|it|my claim)\b`,
	` i (?:can not|could not|will not)(?: do it| make it)?(?: right now| at the moment| anymore| for now| this week| soon)? $`,
	` (?:not|never|no need to) (?:[a-z]+ ){0,2}assign (?:`+obj+` )?(?:to )?(?:me|myself)\b`,
)

func compileAll(patterns ...string) []*regexp.Regexp {
	res := make([]*regexp.Regexp, len(patterns))
	for i, p := range patterns {
		res[i] = regexp.MustCompile(p)
	}
	return res
}

func matchesAny(s string, res []*regexp.Regexp) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// spellings spell out contractions and chat shorthand, word by word,
// after lower-casing and straightening apostrophes.
var spellings = map[string]string{
	"i'm": "i am", "im": "i am", "i'd": "i would", "i'll": "i will", "i've": "i have",
	"can't": "can not", "cannot": "can not", "cant": "can not", "won't": "will not", "wont": "will not",
	"dont": "do not", "wanna": "want to", "gonna": "going to", "lemme": "let me",
	"pls": "please", "plz": "please", "plss": "please", "u": "you",
}

// idVerbs are the words after which "id" is "I'd".
var idVerbs = map[string]bool{"like": true, "love": true, "want": true, "be": true}

// clauseWords end a clause.
var clauseWords = map[string]bool{"but": true, "however": true, "although": true, "though": true}

// gate holds the words without which no pattern can match; clauses
// without any of them are skipped.
var gate = map[string]bool{
	"i": true, "me": true, "myself": true, "assign": true, "assigned": true, "available": true,
	"grabs": true, "taken": true, "claimed": true, "unassigned": true, "unclaimed": true, "free": true,
	"open": true, "dibs": true, "love": true, "like": true, "happy": true, "glad": true, "keen": true,
	"willing": true, "eager": true, "excited": true, "interested": true, "no": true, "not": true,
	"never": true, "unassign": true, "unassigning": true, "release": true, "releasing": true,
	"drop": true, "dropping": true, "abandon": true, "abandoning": true, "give": true, "giving": true,
	"step": true, "stepping": true,
}

// gated reports whether a clause holds a word of gate.
func gated(clause string) bool {
	for w := range strings.FieldsSeq(clause) {
		if gate[w] {
			return true
		}
	}
	return false
}

var (
	apostrophes = strings.NewReplacer("’", "'", "‘", "'", "ʼ", "'", "`", "'")
	// quoted matches text in double quotes, straight or curly.
	quoted = regexp.MustCompile(`"[^"]*"|“[^”]*”`)
)

// clauses lower-cases a paragraph, drops quoted passages, and splits it
// into clauses at sentence ends (".!?;:", dashes) and at "but", "however",
// "although" and "though". Each clause is its words joined by single
// spaces, contractions spelled out; punctuation other than "'#@-/" is
// dropped. A clause starts and ends with a space, so that patterns can
// begin and end with one instead of the slower \b.
func clauses(para string) []string {
	s := quoted.ReplaceAllString(strings.ToLower(apostrophes.Replace(para)), " ")
	var out, words []string
	flush := func() {
		if len(words) > 0 {
			out = append(out, " "+strings.Join(words, " ")+" ")
		}
		words = words[:0]
	}
	add := func(w string) {
		if clauseWords[w] {
			flush()
			return
		}
		if sp, ok := spellings[w]; ok {
			w = sp
		} else if strings.HasSuffix(w, "n't") {
			w = strings.TrimSuffix(w, "n't") + " not"
		}
		words = append(words, strings.Fields(w)...)
	}
	start := -1
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			add(strings.Trim(s[start:i], "'-/"))
			start = -1
		}
		if strings.ContainsRune(".!?;:—–", r) {
			flush()
		}
	}
	if start >= 0 {
		add(strings.Trim(s[start:], "'-/"))
	}
	flush()
	return resolveID(out)
}

// resolveID turns "id" into "i would" where a verb of idVerbs follows, as in
// "id like to".
func resolveID(cs []string) []string {
	for k, c := range cs {
		words := strings.Split(c, " ")
		for i := 0; i+1 < len(words); i++ {
			if words[i] == "id" && idVerbs[words[i+1]] {
				words[i] = "i would"
			}
		}
		cs[k] = strings.Join(words, " ")
	}
	return cs
}

// isWordRune reports whether r belongs to a word: letters, digits and
// "'#@-/" (for "i'm", "#12", "@bob", "first-time").
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("'#@-/", r)
}
