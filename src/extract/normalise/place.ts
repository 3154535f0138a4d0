/**
 * Does a short text name a place? Used where a page shows the location without a label (next to
 * the job title) and to keep place names out of the company field. A small gazetteer: countries
 * (English and local spellings), US states, Canadian provinces, Australian states, and large
 * job-market cities; plus the shapes "City, ST" and "Remote (…)".
 */
const names =
  "afghanistan|albania|algeria|argentina|armenia|australia|austria|azerbaijan|bahrain|bangladesh|belarus|belgium|belgique|bolivia|bosnia|brazil|brasil|bulgaria|cambodia|cameroon|canada|chile|china|colombia|costa rica|croatia|cyprus|czechia|czech republic|denmark|danmark|deutschland|ecuador|egypt|estonia|ethiopia|finland|suomi|france|georgia|germany|ghana|greece|guatemala|hong kong|hungary|iceland|india|indonesia|iran|iraq|ireland|israel|italy|italia|jamaica|japan|jordan|kazakhstan|kenya|korea|south korea|kosovo|kuwait|latvia|lebanon|lithuania|luxembourg|malaysia|malta|mexico|méxico|moldova|mongolia|montenegro|morocco|nepal|netherlands|nederland|new zealand|nigeria|north macedonia|norway|norge|oman|pakistan|panama|paraguay|peru|perú|philippines|poland|polska|portugal|qatar|romania|russia|saudi arabia|serbia|singapore|slovakia|slovenia|south africa|spain|españa|espanya|sri lanka|sweden|sverige|switzerland|schweiz|suisse|taiwan|tanzania|thailand|tunisia|turkey|türkiye|uganda|ukraine|united arab emirates|uae|united kingdom|uk|great britain|england|scotland|wales|united states|usa|u.s.|us|united states of america|uruguay|uzbekistan|venezuela|vietnam|zambia|zimbabwe|europe|emea|apac|latam|americas|north america|alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|new york|north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah|vermont|virginia|washington|west virginia|wisconsin|wyoming|district of columbia|washington d.c.|ontario|quebec|québec|british columbia|alberta|manitoba|saskatchewan|nova scotia|victoria|new south wales|queensland|amsterdam|athens|atlanta|austin|baku|bangalore|bengaluru|barcelona|beijing|berlin|bogota|bogotá|boston|brussels|bucharest|budapest|buenos aires|cairo|cambridge|cape town|chennai|chicago|copenhagen|københavn|dallas|delhi|denver|dubai|dublin|düsseldorf|edinburgh|frankfurt|geneva|guadalajara|hamburg|helsinki|ho chi minh city|houston|hyderabad|istanbul|jakarta|johannesburg|kyiv|kiev|kraków|krakow|kuala lumpur|lagos|lisbon|london|los angeles|lyon|madrid|manchester|manila|melbourne|mexico city|miami|milan|milano|montreal|montréal|moscow|mumbai|munich|münchen|nairobi|new york city|noida|oslo|ottawa|palo alto|paris|philadelphia|phoenix|portland|prague|pune|rome|rotterdam|san diego|san francisco|san jose|são paulo|sao paulo|seattle|seoul|shanghai|shenzhen|singapore|stockholm|sydney|taipei|tallinn|tel aviv|tokyo|toronto|vancouver|vienna|warsaw|washington, d.c.|wellington|zurich|zürich|aarhus|aalborg|odense|ballerup|bagsværd|søborg|malmö|gothenburg|antwerp|lausanne|basel";

const placeNames = new Set(names.split("|"));

const regionCodes =
  /^(A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY]|ON|QC|BC|AB|MB|SK|NS|NSW|VIC|QLD|WA|SA|TAS|ACT|NT)$/;

function isPlaceName(part: string): boolean {
  const clean = part
    .trim()
    .replace(/^[(\s]+|[)\s.]+$/g, "")
    .trim();
  if (clean === "") return false;
  if (regionCodes.test(clean) || /^(remote|virtual|hybrid|on-?site)$/i.test(clean)) return true;
  return placeNames.has(clean.toLowerCase());
}

/** True when `text` is a short place name or list of places ("Berlin, Germany", "Remote (US)"). */
export function isPlaceLike(text: string | null | undefined): boolean {
  if (!text) return false;
  const clean = text.trim();
  if (clean.length < 2 || clean.length > 140) return false;
  if (clean.split(/\s+/).length > 16 || /[.!?]\s+[a-z]/.test(clean)) return false;
  if (/^(remote|hybrid|on-?site|télétravail)\b/i.test(clean) && clean.length <= 60) return true;
  if (/^(multiple|several|various|\d+) locations?$/i.test(clean)) return true;
  if (
    /^\p{Lu}[\p{L}.' -]+,\s?[A-Z]{2,3}\b/u.test(clean) &&
    regionCodes.test(/,\s?([A-Z]{2,3})\b/.exec(clean)?.[1] ?? "")
  )
    return true;
  const parts = clean.split(/\s*[,;/|()•·]\s*|\s+[-–—]\s+|\s{2,}/).filter((part) => part.trim() !== "");
  if (parts.length === 0) return false;
  const known = parts.filter(isPlaceName).length;
  return known > 0 && known * 2 >= parts.length - (parts.length > 3 ? 1 : 0);
}

/** The place-like part of "San Francisco, California — Legal" or "Senate | Sacramento, CA". */
export function placeFromText(text: string | null | undefined): string | null {
  if (!text) return null;
  if (isPlaceLike(text)) return text.trim();
  for (const part of text.split(/\s+[|–—·•]\s+|\s+-\s+/)) {
    if (part !== text && isPlaceLike(part)) return part.trim();
  }
  return null;
}
