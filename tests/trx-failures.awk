# Prints each failed test of a VSTest .trx file with the start of its message and stack trace, so the
# end of a CI log (often all that is kept) says which test failed and why.
function unescape(s) {
  gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s); gsub(/&apos;/, "'", s)
  gsub(/&#xD;/, "", s); gsub(/&#xA;/, "", s); gsub(/&amp;/, "\\&", s)
  return s
}
function attribute(line, name,    m) {
  if (match(line, name "=\"[^\"]*\"")) return substr(line, RSTART + length(name) + 2, RLENGTH - length(name) - 3)
  return ""
}
/<UnitTestResult / {
  failed = attribute($0, "outcome") == "Failed"
  if (failed) { count++; printf "--- FAILED %s (%s)\n", unescape(attribute($0, "testName")), attribute($0, "duration") }
  section = ""
}
failed && /<Message>/ { section = "message"; lines = 0 }
failed && /<StackTrace>/ { section = "stack"; lines = 0 }
failed && section != "" {
  line = $0
  sub(/.*<(Message|StackTrace)>/, "", line)
  closing = line ~ /<\/(Message|StackTrace)>/
  sub(/<\/(Message|StackTrace)>.*/, "", line)
  limit = section == "message" ? 25 : 12
  if (lines < limit && line != "") print "    " unescape(line)
  else if (lines == limit) print "    ..."
  lines++
  if (closing) section = ""
}
/<\/UnitTestResult>/ { failed = 0; section = "" }
