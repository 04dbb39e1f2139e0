/**
 * Indian and Bangladeshi surnames whose English spellings are not a transliteration of one
 * another: the Bengali Brahmin surnames in their Sanskrit form and the anglicised one a family
 * may use instead (Mukhopadhyay / Mukherjee, Bandyopadhyay / Banerjee), Bose / Basu, Tagore /
 * Thakur, and spellings folding does not merge (Chaudhary / Chowdhury, Srivastava /
 * Shrivastava). Then `|` and the native forms (Bengali, Devanagari).
 */
export const INDIAN_NAMES: readonly string[] = [
  'mukhopadhyay mukhopadhyaya mukherjee mukherji mukerji mukharji | মুখোপাধ্যায় মুখার্জি मुखर्जी मुखोपाध्याय',
  'bandyopadhyay bandopadhyay bandyopadhyaya banerjee banerji bannerjee | বন্দ্যোপাধ্যায় ব্যানার্জি बनर्जी',
  'chattopadhyay chattopadhyaya chatterjee chatterji chaterjee | চট্টোপাধ্যায় চ্যাটার্জি चटर्जी',
  'gangopadhyay gangopadhyaya ganguly ganguli gangooly | গঙ্গোপাধ্যায় গাঙ্গুলী गांगुली',
  'bhattacharya bhattacharyya bhattacharjee bhattacharji | ভট্টাচার্য ভট্টাচার্য্য भट्टाचार्य',
  'basu bose | বসু বোস बसु बोस',
  'datta dutta dutt datt | দত্ত दत्त',
  'thakur tagore thakore | ঠাকুর ठाकुर',
  'chaudhary chaudhari chaudhuri chaudhry choudhary choudhury chowdhury chowdhary | চৌধুরী चौधरी',
  'srivastava shrivastava srivastav shrivastav | श्रीवास्तव',
  'tiwari tewari tiwary | तिवारी',
  'upadhyay upadhyaya upadhaya | उपाध्याय',
  'goswami goswamy gosain | গোস্বামী गोस्वामी',
  'pillai pillay | பிள்ளை',
  'naidu naidoo | నాయుడు',
  'roy ray rai | রায় राय',
  // Given names: ksh written x, as it is often spoken.
  'lakshmi laxmi lakshmy | লক্ষ্মী लक्ष्मी',
  'lakshman laxman lakshmana | लक्ष्मण',
];
