// SPDX-License-Identifier: Apache-2.0
// Text and URL normalisation for matching and de-duplication: HTML stripped, entities decoded,
// full-width ASCII folded to half-width, ASCII case folded, whitespace collapsed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pubtrack::mentions {

// Removes tags (and script/style bodies), decodes HTML entities, collapses whitespace.
std::string htmlToText(std::string_view html);
// Decodes &amp; &#20013; &#x4E2D; and the common named entities; unknown ones stay as written.
std::string decodeEntities(std::string_view s);
// The form keywords are matched in: full-width -> half-width (U+FF01..FF5E, U+3000), ASCII
// lower-case, whitespace collapsed to one space.
std::string foldForMatch(std::string_view text);
// The form names are matched in (the mention matcher's): foldForMatch's folding, traditional
// characters as simplified (國資委 -> 国资委), invisible characters dropped, and white space
// between two ideographs removed, so that "深 圳 市\n国资委" is 深圳市国资委. Spaces between words
// of other scripts stay (one each).
std::string foldForNames(std::string_view text);
// What a text must hold, before folding, for foldForNames of it to contain `folded` (itself a
// foldForNames result): one of the returned UTF-8 spellings of its last ideograph (the
// ideograph and every traditional form that folds to it), or a "&#" character reference that
// decoding may turn into one. Empty when `folded` has no ideograph in U+4E00..U+9FFF, whose
// folding this cannot bound.
std::vector<std::string> ideographAnchors(std::string_view folded);
// A title for "same story" comparison: folded, and without spaces, punctuation (ASCII and CJK)
// or a trailing " - Outlet" / "_Outlet" suffix.
std::string normalizeTitle(std::string_view title);
// A URL for identity: lower-case host without www./m./wap., no scheme, no fragment, no tracking
// parameters (utm_*, spm, from, share_token ...), remaining parameters sorted, no trailing '/'.
std::string normalizeUrl(std::string_view url);

}  // namespace pubtrack::mentions
