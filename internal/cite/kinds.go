package cite

// Document kinds. The English identifiers are stable (they are stored and
// shown in JSON); the codes are those written in symbols: Party codes by
// Hướng dẫn 36-HD/VPTW, state codes by Nghị định 30/2020/NĐ-CP.
const (
	KindResolution      = "resolution"       // Nghị quyết, NQ
	KindJointResolution = "joint_resolution" // Nghị quyết liên tịch, NQLT
	KindDecision        = "decision"         // Quyết định, QĐ
	KindRegulation      = "regulation"       // Quy định: QĐi (Party), QyĐ (state)
	KindDirective       = "directive"        // Chỉ thị, CT
	KindConclusion      = "conclusion"       // Kết luận, KL
	KindProgram         = "program"          // Chương trình (hành động), CTr
	KindPlan            = "plan"             // Kế hoạch, KH
	KindGuidance        = "guidance"         // Hướng dẫn, HD
	KindNotice          = "notice"           // Thông báo, TB
	KindRules           = "rules"            // Quy chế, QC
	KindOfficialLetter  = "official_letter"  // Công văn, CV
	KindReport          = "report"           // Báo cáo, BC
	KindSubmission      = "submission"       // Tờ trình, TTr
	KindScheme          = "scheme"           // Đề án, ĐA
	KindOption          = "option"           // Phương án, PA
	KindMinutes         = "minutes"          // Biên bản, BB
	KindInstruction     = "instruction"      // Thông tri (Party), TT
	KindCircular        = "circular"         // Thông tư (state), TT
	KindJointCircular   = "joint_circular"   // Thông tư liên tịch, TTLT
	KindDecree          = "decree"           // Nghị định, NĐ
	KindTelegram        = "telegram"         // Công điện, CĐ
	KindLaw             = "law"              // Luật, code L (ours: the symbol has none)
	KindCode            = "code"             // Bộ luật, code BL (ours)
	KindOrdinance       = "ordinance"        // Pháp lệnh, code PL (ours)
	KindDocument        = "document"         // Văn bản, or a bare law-style symbol: kind not stated
)

type kindInfo struct {
	kind, code string
}

// kindPhrases maps the folded words of a kind as written before "số" or a
// symbol to the kind. Longer phrases win ("Thông báo kết luận" is a notice).
var kindPhrases = map[string]kindInfo{
	"nghi quyet":             {KindResolution, "NQ"},
	"nghi quyet lien tich":   {KindJointResolution, "NQLT"},
	"quyet dinh":             {KindDecision, "QĐ"},
	"quy dinh":               {KindRegulation, "QĐi"},
	"chi thi":                {KindDirective, "CT"},
	"ket luan":               {KindConclusion, "KL"},
	"thong bao ket luan":     {KindNotice, "TB"},
	"chuong trinh":           {KindProgram, "CTr"},
	"chuong trinh hanh dong": {KindProgram, "CTr"},
	"ke hoach":               {KindPlan, "KH"},
	"ke hoach lien tich":     {KindPlan, "KH"},
	"huong dan":              {KindGuidance, "HD"},
	"thong bao":              {KindNotice, "TB"},
	"quy che":                {KindRules, "QC"},
	"cong van":               {KindOfficialLetter, "CV"},
	"bao cao":                {KindReport, "BC"},
	"to trinh":               {KindSubmission, "TTr"},
	"de an":                  {KindScheme, "ĐA"},
	"phuong an":              {KindOption, "PA"},
	"bien ban":               {KindMinutes, "BB"},
	"thong tri":              {KindInstruction, "TT"},
	"thong tu":               {KindCircular, "TT"},
	"thong tu lien tich":     {KindJointCircular, "TTLT"},
	"nghi dinh":              {KindDecree, "NĐ"},
	"cong dien":              {KindTelegram, "CĐ"},
	"luat":                   {KindLaw, "L"},
	"bo luat":                {KindCode, "BL"},
	"phap lenh":              {KindOrdinance, "PL"},
	"van ban":                {KindDocument, ""},
}

// maxKindWords is the length of the longest phrase in kindPhrases.
const maxKindWords = 4

// kindCodes maps a kind code as written in a symbol, upper-cased, to its
// canonical spelling and kind. "TT" is a Party thông tri in a Party-style
// symbol and a state thông tư otherwise (see kindOfSymbol).
var kindCodes = map[string]kindInfo{
	"NQ":   {KindResolution, "NQ"},
	"NQLT": {KindJointResolution, "NQLT"},
	"QĐ":   {KindDecision, "QĐ"},
	"QĐNS": {KindDecision, "QĐNS"},
	"QĐI":  {KindRegulation, "QĐi"},
	"QYĐ":  {KindRegulation, "QyĐ"},
	"CT":   {KindDirective, "CT"},
	"KL":   {KindConclusion, "KL"},
	"CTR":  {KindProgram, "CTr"},
	"KH":   {KindPlan, "KH"},
	"KHLT": {KindPlan, "KHLT"},
	"HD":   {KindGuidance, "HD"},
	"TB":   {KindNotice, "TB"},
	"QC":   {KindRules, "QC"},
	"CV":   {KindOfficialLetter, "CV"},
	"BC":   {KindReport, "BC"},
	"TTR":  {KindSubmission, "TTr"},
	"ĐA":   {KindScheme, "ĐA"},
	"PA":   {KindOption, "PA"},
	"BB":   {KindMinutes, "BB"},
	"TT":   {KindCircular, "TT"},
	"TTLT": {KindJointCircular, "TTLT"},
	"NĐ":   {KindDecree, "NĐ"},
	"CĐ":   {KindTelegram, "CĐ"},
}

// kindOfSymbol returns the kind a symbol's own code names, if it is known.
func kindOfSymbol(sym Symbol) (kindInfo, bool) {
	if sym.KindCode == "" {
		return kindInfo{}, false
	}
	k, ok := kindCodes[upper(sym.KindCode)]
	if ok && k.code == "TT" && sym.Form == FormParty {
		k.kind = KindInstruction
	}
	return k, ok
}

// refKind settles the kind and code of a reference from its kind word (if
// any) and its symbol (if any). The kind word wins; the symbol only tells the
// Party "quy định" (QĐi) from the state one (QyĐ), and gives the kind when
// the text says only "Văn bản" or nothing.
func refKind(word kindInfo, haveWord bool, sym Symbol, haveSym bool) kindInfo {
	if haveWord && word.kind != KindDocument {
		if word.kind == KindRegulation && haveSym && sym.Form != FormParty && sym.Form != FormShort {
			word.code = "QyĐ"
		}
		return word
	}
	if haveSym {
		if k, ok := kindOfSymbol(sym); ok {
			return k
		}
		if sym.Form == FormState && sym.KindCode == "" {
			// "Văn bản số 1234/UBND-NC": a state official letter carries
			// only the issuer and its unit.
			return kindInfo{KindOfficialLetter, "CV"}
		}
	}
	return kindInfo{KindDocument, ""}
}
